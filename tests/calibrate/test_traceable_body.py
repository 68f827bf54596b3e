"""The body layer is traceable: gradients flow from a Physiological whose fields are JAX scalars to
serum, CSF and urine, and the JAX path gives the NumPy path's numbers."""

import jax
import jax.numpy as jnp
import numpy as np

from magnesim.body import Physiological, resolve_regimen

DT_H, STEPS = 1 / 12, 12  # 1 h in 5-min steps


def test_gradients_reach_every_output_from_jax_fields():
    m = Physiological()
    inputs = m.inputs(resolve_regimen("4 g MgSO4.7H2O IV over 20 min"), STEPS, DT_H)

    def outputs(model):
        p = model.params(np.array([70.0]), np.array([7.0]))
        xs = model.trajectory(p, model.baseline_state(p), inputs, DT_H, STEPS)[0]
        return jnp.stack([xs[-1, 0] / p.vc[0], xs[-1, 6] / model.csf_volume, xs[-1, 11]])  # serum, CSF, urine

    traced = jax.tree.map(jnp.asarray, m)
    p = m.params(np.array([70.0]), np.array([7.0]))
    x0 = m.baseline_state(p)
    assert isinstance(x0, np.ndarray) and isinstance(traced.baseline_state(traced.params(np.array([70.0]), np.array([7.0]))), jax.Array)
    xs = m.simulate(p, x0, inputs, DT_H, STEPS)[0]
    value, jac = jax.jit(lambda model: (outputs(model), jax.jacrev(outputs)(model)))(traced)
    np.testing.assert_allclose(value, [xs[-1, 0] / p.vc[0], xs[-1, 6] / m.csf_volume, xs[-1, 11]], rtol=1e-13)
    assert all(np.all(np.isfinite(g)) for g in jax.tree.leaves(jac))
    assert jac.v_central[0] < 0 and jac.diet_intake[0] > 0 and jac.csf_efflux[1] != 0 and jac.renal_threshold[2] != 0
