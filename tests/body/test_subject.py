"""Subjects: the CKD-EPI 2021 equation, its inversion, covariate checks, populations."""

import numpy as np
import pytest

from magnesim.body import Subject
from magnesim.body.population import covariates
from magnesim.body.subject import ckd_epi_2021, cockcroft_gault
from magnesim.errors import ParameterError


def test_ckd_epi_2021_reference_values():
    # Inker et al. 2021 (NEJM 385:1737), race-free creatinine equation; e.g. NKF calculator: female 50 y, 1.0 mg/dL -> 68
    assert float(ckd_epi_2021(1.0, 50, True)) == pytest.approx(68, abs=1)
    assert float(ckd_epi_2021(1.0, 50, False)) == pytest.approx(91, abs=1)
    assert float(ckd_epi_2021(0.7, 30, True)) == pytest.approx(119, abs=1)


def test_creatinine_and_gfr_round_trip():
    s = Subject(gfr_mL_min=60.0)
    assert Subject(scr_mg_dL=s.creatinine_mg_dL).gfr == pytest.approx(60.0, rel=1e-6)
    assert Subject().creatinine_mg_dL == 0.8
    assert float(cockcroft_gault(1.0, 40, 70, False)) == pytest.approx(97.2, abs=0.1)


@pytest.mark.parametrize("kwargs", [dict(weight_kg=-1), dict(age_y=200), dict(scr_mg_dL=0.0), dict(gfr_mL_min=1e4),
                                    dict(sex="x"), dict(sex="male", pregnant=True), dict(scr_mg_dL=0.8, gfr_mL_min=90)])
def test_bad_subjects(kwargs):
    with pytest.raises(ParameterError):
        Subject(**kwargs)


def test_population_covariates():
    c = covariates(Subject(), 5000, seed=3)
    assert np.median(c.weight_kg) == pytest.approx(70, rel=0.02)
    assert np.std(np.log(c.weight_kg)) == pytest.approx(np.sqrt(np.log(1.04)), rel=0.05)
    assert np.corrcoef(c.weight_kg, c.gfr_mL_min)[0, 1] > 0.2  # GFR follows body size through BSA
    g = covariates(Subject(gfr_mL_min=90), 2000, seed=3)
    assert np.median(g.gfr_mL_min) == pytest.approx(90, rel=0.03)
    with pytest.raises(ParameterError, match="seed"):
        covariates(Subject(), 10, None)
