COMMENT
NMDA synapse: dual exponential conductance (exactly NEURON's Exp2Syn: rise tau1, decay tau2,
normalised so that one isolated event of weight w (uS) peaks at w) multiplied by the
Jahr & Stevens (1990) magnesium block

  B(v) = 1 / (1 + mg/3.57 (mM) * exp(-0.062 (/mV) * v))

  i = g * B(v) * (v - e),   g = B_state - A_state   (uS, mV -> nA)

mg (mM) is a RANGE parameter. gnmda = g*B(v) is the blocked conductance (uS).
ENDCOMMENT

NEURON {
    POINT_PROCESS NMDAJS
    RANGE tau1, tau2, e, i, mg, g, gnmda, blk
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
    (mM) = (milli/liter)
}

PARAMETER {
    tau1 = 2   (ms) <1e-9,1e9>
    tau2 = 100 (ms) <1e-9,1e9>
    e    = 0   (mV)
    mg   = 1   (mM)
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    gnmda (uS)
    blk
    factor
}

STATE {
    A (uS)
    B (uS)
}

INITIAL {
    LOCAL tp
    if (tau1/tau2 > 0.9999) {
        tau1 = 0.9999*tau2
    }
    if (tau1/tau2 < 1e-9) {
        tau1 = tau2*1e-9
    }
    A = 0
    B = 0
    tp = (tau1*tau2)/(tau2 - tau1) * log(tau2/tau1)
    factor = -exp(-tp/tau1) + exp(-tp/tau2)
    factor = 1/factor
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    g = B - A
    blk = mgblock(v)
    gnmda = g*blk
    i = gnmda*(v - e)
}

DERIVATIVE state {
    A' = -A/tau1
    B' = -B/tau2
}

FUNCTION mgblock(v (mV)) {
    UNITSOFF
    mgblock = 1/(1 + mg/3.57*exp(-0.062*v))
    UNITSON
}

NET_RECEIVE(weight (uS)) {
    A = A + weight*factor
    B = B + weight*factor
}
