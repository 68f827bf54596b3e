COMMENT
Traub & Miles (1991) Na and K(dr) currents with the parameters and rate functions of the
COBAHH benchmark (Brette et al. 2007, J Comput Neurosci 23:349; Brian2 example COBAHH):

  alpha_m = 0.32*(13 - v + VT)/(exp((13 - v + VT)/4) - 1)
  beta_m  = 0.28*(v - VT - 40)/(exp((v - VT - 40)/5) - 1)
  alpha_h = 0.128*exp((17 - v + VT)/18)
  beta_h  = 4/(1 + exp((40 - v + VT)/5))
  alpha_n = 0.032*(15 - v + VT)/(exp((15 - v + VT)/5) - 1)
  beta_n  = 0.5*exp((10 - v + VT)/40)

rates in 1/ms, v and VT in mV.  ina = gnabar m^3 h (v - ena), ik = gkbar n^4 (v - ek).
The removable singularities x/(exp(x/k) - 1) are evaluated by their Taylor series only when
|x/k| < 1e-6 (never reached in practice); elsewhere the expressions are exactly as above.
States are integrated with cnexp (exact exponential update for fixed v over one step).
ENDCOMMENT

NEURON {
    SUFFIX tmhh
    USEION na READ ena WRITE ina
    USEION k READ ek WRITE ik
    RANGE gnabar, gkbar, vt, ina, ik
    RANGE minf, hinf, ninf, mtau, htau, ntau
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S)  = (siemens)
}

PARAMETER {
    gnabar = 0.1  (S/cm2)   : 100 mS/cm2
    gkbar  = 0.03 (S/cm2)   : 30 mS/cm2
    vt     = -63  (mV)
}

ASSIGNED {
    v (mV)
    ena (mV)
    ek (mV)
    ina (mA/cm2)
    ik (mA/cm2)
    minf hinf ninf
    mtau (ms) htau (ms) ntau (ms)
}

STATE { m h n }

INITIAL {
    rates(v)
    m = minf
    h = hinf
    n = ninf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ina = gnabar*m*m*m*h*(v - ena)
    ik  = gkbar*n*n*n*n*(v - ek)
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
    n' = (ninf - n)/ntau
}

FUNCTION xexpm1(x, k) {
    : x/(exp(x/k) - 1) with its limit k at x = 0
    if (fabs(x/k) < 1e-6) {
        xexpm1 = k*(1 - x/k/2)
    } else {
        xexpm1 = x/(exp(x/k) - 1)
    }
}

PROCEDURE rates(v (mV)) {
    LOCAL am, bm, ah, bh, an, bn
    UNITSOFF
    am = 0.32*xexpm1(13 - v + vt, 4)
    bm = 0.28*xexpm1(v - vt - 40, 5)
    ah = 0.128*exp((17 - v + vt)/18)
    bh = 4/(1 + exp((40 - v + vt)/5))
    an = 0.032*xexpm1(15 - v + vt, 5)
    bn = 0.5*exp((10 - v + vt)/40)
    UNITSON
    mtau = 1/(am + bm)
    minf = am*mtau
    htau = 1/(ah + bh)
    hinf = ah*htau
    ntau = 1/(an + bn)
    ninf = an*ntau
}
