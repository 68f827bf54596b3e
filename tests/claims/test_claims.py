"""``magnesim claims``: ten verdicts with numbers from the models, a self-contained report, and verdict
rules that follow the numbers (tested on synthetic numbers, so that a rule that ignores them fails).

The audit runs once per module through the CLI (~30-45 s on two cores)."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from magnesim.claims import DECIDE, MODULES, VERDICTS, Claim, Panel
from magnesim.claims.record import series
from magnesim.errors import ParameterError

from .._browser import page_problems
from ..cli._support import assert_one_line_error, run, run_cli

pytestmark = pytest.mark.slow  # every claim's experiments (~1.5 min)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """(exit status, JSON printed, output directory) of ``magnesim claims --json --quiet``."""
    out = tmp_path_factory.mktemp("claims")
    code, stdout, err = run_cli(["claims", "--out", str(out), "--json", "--quiet"])
    assert code == 0, err
    return json.loads(stdout), out


@pytest.fixture(scope="module")
def by_number(audited):
    return {c["claim"]: c for c in audited[0]}


def test_json_gives_ten_verdicts_with_numbers(audited):
    claims, _ = audited
    assert [c["claim"] for c in claims] == list(range(1, 11))
    for c in claims:
        assert c["verdict"] in VERDICTS, c
        assert re.search(r"\d", c["evidence"]), c["evidence"]
        assert c["numbers"] and all(v is not None and math.isfinite(v) for v in c["numbers"].values()), c["claim"]
        assert c["reason"] and c["quote"] and c["experiment"]


def test_files_are_written_and_the_report_is_self_contained(audited):
    claims, out = audited
    assert json.loads((out / "claims.json").read_text()) == claims
    page = (out / "claims.html").read_text()
    assert len(re.findall(r"<img [^>]*src='data:image/png;base64,", page)) == 10
    assert "<script" not in page and "http://" not in page and "https://" not in page
    for c in claims:
        assert f"id='claim-{c['claim']}'" in page


def test_report_opens_in_chromium_and_shows_ten_figures(audited, browser):
    problems, n_images = page_problems(browser, audited[1] / "claims.html")
    assert problems == [] and n_images == 10


def test_verdicts_the_models_determine(by_number):
    one = by_number[1]["numbers"]  # spikes do not need NMDA receptors; they need Na+ channels
    assert one["spikes_200pA_no_nmda"] >= 0.8 * one["spikes_200pA_nmda_1mM"] and one["spikes_200pA_no_na"] == 0
    assert by_number[1]["verdict"] == "partly supported"
    assert by_number[2]["verdict"] == "supported"
    four = by_number[4]["numbers"]
    assert four["csf_mg_change_pct"] < four["csf_mg_change_needed_pct"] and by_number[4]["verdict"] == "not supported"
    assert four["windup_reduction_csf_pct"] < four["windup_reduction_if_spinal_pct"] < 20.0
    six = by_number[6]["numbers"]
    assert 0 <= six["serum_total_change_mM"] < 0.01 and six["change_in_sd_units"] < 0.1
    assert by_number[6]["verdict"] == "not supported"
    nine = [by_number[9]["numbers"][f"protection_{d}mmol_kg_pct"] for d in (2, 3, 4)]
    assert all(p > 0 for p in nine) and nine == sorted(nine)
    assert by_number[9]["verdict"] == "supported"


def _numbers(claim: int, by_number, **changes):
    return {**by_number[claim]["numbers"], **changes}


def test_verdicts_change_with_the_numbers(by_number):
    """Each rule, fed the model's numbers with one key changed, must give another verdict."""
    decide = lambda k, **ch: DECIDE[k](_numbers(k, by_number, **ch))[0]
    assert decide(1, spikes_200pA_no_nmda=5.0) == "supported"  # NMDA needed for spikes: "primary" would hold
    assert decide(2, **{"windup_excess_0.5mM_spikes": 100.0}) == "partly supported"
    assert decide(3, protected_challenges_1mM=by_number[3]["numbers"]["lethal_challenges_0mM"]) == "supported"
    assert decide(3, protected_challenges_1mM=0.0, max_peak_load_ratio_1mM_vs_0mM=0.9) == "not supported"
    assert decide(4, windup_reduction_if_spinal_pct=25.0) == "partly supported"
    assert decide(4, windup_reduction_csf_pct=25.0) == "supported"
    assert decide(6, change_in_sd_units=2.0) == "supported"
    assert decide(6, change_in_sd_units=0.5) == "partly supported"
    assert decide(7, **{"pump_change_0.1_to_1mM_pct": 40.0}) == "supported"
    assert decide(8, cells_share_pct=99.0, windup_reduction_if_spinal_pct=30.0) == "supported"
    assert decide(9, protection_2mmol_kg_pct=5.0, protection_3mmol_kg_pct=3.0, protection_4mmol_kg_pct=1.0) == "not supported"
    assert decide(9, protection_2mmol_kg_pct=80.0) == "partly supported"  # protective but not monotone in dose


def test_level_for_a_wind_up_reduction_interpolates_and_says_when_out_of_reach():
    import xarray as xr

    from magnesim.claims._shared import level_for_reduction as _level_for_reduction
    from magnesim.claims.runs import Runs

    def runs_with(excess):
        runs = Runs()
        runs.__dict__["windup"] = xr.Dataset({"windup_excess": ("mg_mM", np.array(excess, dtype=float))},
                                             coords={"mg_mM": [0.5, 0.6, 0.7, 0.8, 0.9]})
        return runs

    # from 95 spikes at 0.55 mM a 20% cut (76) falls between 0.7 (80) and 0.8 mM (70)
    assert _level_for_reduction(runs_with([100, 90, 80, 70, 60]), 0.55) == pytest.approx(0.74)
    assert _level_for_reduction(runs_with([100, 95, 90, 90, 90]), 0.55) == float("inf")
    assert _level_for_reduction(runs_with([0, 0, 0, 0, 0]), 0.55) == float("inf")


def test_text_table_and_files_from_the_cli(capsys, tmp_path, monkeypatch):
    """The CLI's own work (table, files) on a stand-in audit, without running the models."""
    panel = Panel("p", "x", "y", (series("s", [0, 1], [1, 2]),))
    fake = tuple(Claim(k, "quote", "experiment", {"x_mM": 0.5 * k}, VERDICTS[k % 4], "reason", f"evidence {k}", (panel,))
                 for k in range(1, 11))
    monkeypatch.setattr("magnesim.claims.audit", lambda progress=None: fake)
    code, out, err = run(capsys, "claims", "--out", str(tmp_path / "new"))
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 11 and lines[1].split()[:3] == ["1", "partly", "supported"] and lines[-1].endswith("evidence 10")
    assert len(json.loads((tmp_path / "new" / "claims.json").read_text())) == 10


def test_bad_out_is_one_line_and_exit_2(capsys, tmp_path):
    taken = tmp_path / "file"
    taken.write_text("")
    assert_one_line_error(capsys, ["claims", "--out", str(taken)], "--out")


def test_each_claim_module_publishes_its_numbers_by_key(by_number):
    """A claim's frozen dataclass reads back the JSON numbers it published, field for key, and is immutable."""
    import dataclasses

    for k, module in enumerate(MODULES, start=1):
        assert module.NUMBER == k
        numbers = module.ClaimNumbers.from_dict(by_number[k]["numbers"])
        assert numbers.as_dict() == by_number[k]["numbers"]
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(numbers, dataclasses.fields(numbers)[0].name, 0.0)


def test_a_claim_refuses_an_unknown_verdict():
    with pytest.raises(ParameterError, match="verdict"):
        Claim(1, "q", "e", {}, "true", "r", "e 1", ())


def test_published_keys_follow_the_constants_they_name():
    """Keys written into field names (doses, K_m values, exposures, [Mg2+]i) match the constants the
    claims run with: changing a constant without its key fails here, not silently in the JSON."""
    import dataclasses

    from magnesim.claims import _shared, claim_03, claim_07, claim_09, claim_10
    from magnesim.claims.runs import NMDA_CHALLENGE
    from magnesim.units import TIME, to_kernel_array

    keys = lambda module: " ".join(f.metadata.get("key", f.name) for f in dataclasses.fields(module.ClaimNumbers))
    assert all(f"km_{km:g}mM" in keys(claim_10) for km in claim_10.ENZYME_KM_MM)
    assert all(f"protection_{d}mmol_kg_pct" in keys(claim_09) for d in claim_09.DOSES)
    assert list(to_kernel_array(NMDA_CHALLENGE["duration"], "duration", TIME) / 60_000.0) == [claim_03._BRIEF_MIN, claim_03._CHRONIC_MIN]
    assert "_10min_" in keys(claim_03) and "_24h_" in keys(claim_03)
    assert f"mgatp_fraction_{_shared.LOW_MG_I:g}mM" in keys(claim_07) and f"mgatp_fraction_{_shared.HIGH_MG_I:g}mM" in keys(claim_07)
