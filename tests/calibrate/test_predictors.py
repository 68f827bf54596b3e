"""The differentiable predictors mirror the validation predictors: same arguments, same numbers at the
library values, for every registered predictor."""

import inspect

import pytest

from magnesim.body import DT_H
from magnesim.calibrate import Settings, predictor_registry
from magnesim.validation import targets
from magnesim.validation._predictors import PREDICTORS

# One or more shipped targets per registered predictor, chosen so that the validation runs they need
# are few (okusanya_1gh and ajayi_csf share one Zuspan run; the rat targets one run per route; the
# acute injury targets one culture run, V082 and V082-slope one chronic curve).
AGREEMENT = ["body_total", "body_bone_frac", "body_ecf_frac", "serum_ionized_frac", "serum_img_healthy", "mckee_csf_ratio",
             "mckee_csf_ion0", "fong_csf_pe", "renal_urine_24h", "renal_fe_normal", "oral_diet_abs", "oral_fine_high", "oral_mgo",
             "okusanya_load", "okusanya_1gh", "ajayi_csf", "mgso4_urine_24h", "sameshima_0.5h", "rothe_rat",
             "V082", "V082-slope", "V080", "grabb-150uM", "V085", "V077", "V078"]


def test_registry_mirrors_validation_signatures():
    registry = predictor_registry()
    assert {"body_baseline", "serum_total_at", "serum_total_max", "urine_fraction_of_dose", "csf_rise"} <= set(registry)
    for name, p in registry.items():
        ours = list(inspect.signature(p.fn).parameters.values())[2:]  # after (models, settings)
        theirs = list(inspect.signature(PREDICTORS[name]).parameters.values())
        assert [(a.name, a.default) for a in ours] == [(b.name, b.default) for b in theirs], name


def test_every_registered_predictor_is_checked_here():
    by_id = {t.id: t for t in targets()}
    assert {by_id[i].predict for i in AGREEMENT} == set(predictor_registry())


@pytest.mark.parametrize("target_id", AGREEMENT)
def test_agrees_with_validation_at_library_values(target_id):
    t = next(t for t in targets() if t.id == target_id)
    p = predictor_registry()[t.predict]
    ours = float(p.fn(tuple(cls() for cls in p.models), Settings(DT_H), **t.args))
    assert ours == pytest.approx(float(PREDICTORS[t.predict](**t.args)), rel=1e-9, abs=1e-12)
