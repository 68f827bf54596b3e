"""``magnesim export``: models in other simulators' formats (SBML for the body models, NeuroML2 for the NMDA synapse)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Annotated

import typer

from ._output import as_options, emit_json
from .body import AgeOpt, CreatinineOpt, GfrOpt, HeightOpt, ModelOpt, PregnantOpt, RegimenOpt, SexOpt, WeightOpt, subject_from_options

__all__ = ["export_app"]

def _out_path(out: str, suffixes: tuple[str, ...]) -> Path:
    """``--out`` checked before any work: a file with one of ``suffixes`` in an existing directory."""
    from ..errors import ParameterError, invalid

    path = Path(out)
    if path.suffix.lower() not in suffixes or not path.parent.is_dir():
        raise ParameterError(invalid("--out", out, f"a file path ending in {' or '.join(suffixes)} in an existing directory"))
    return path


export_app = typer.Typer(help="Export models to other simulators' formats.", no_args_is_help=True, add_completion=False)


@export_app.command("sbml")
def sbml(
    out: Annotated[str, typer.Option("--out", help="SBML file to write (.xml or .sbml).")] = "magnesim-body.xml",
    model: ModelOpt = "physiological",
    regimen: RegimenOpt = "zuspan",
    weight: WeightOpt = "70kg",
    height: HeightOpt = "165cm",
    sex: SexOpt = "female",
    age: AgeOpt = 30.0,
    creatinine: CreatinineOpt = None,
    gfr: GfrOpt = None,
    pregnant: PregnantOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """A body model for one subject under a regimen as SBML Level 3 Version 2, doses as events
    (checked by libSBML: no consistency errors). Simulate it in libRoadRunner, COPASI, tellurium..."""
    import libsbml

    from ..interchange import body_sbml

    path = _out_path(out, (".xml", ".sbml"))
    with as_options(weight="--weight", height="--height", sex="--sex", age="--age", creatinine="--creatinine", gfr="--gfr",
                    regimen="--regimen", model="--model"):
        text = body_sbml(model, subject_from_options(weight, height, sex, age, creatinine, gfr, pregnant), regimen)
    path.write_text(text)
    m = libsbml.readSBMLFromString(text).getModel()
    doc = {"path": str(path), "model": m.getId(), "species": m.getNumSpecies(), "reactions": m.getNumReactions(),
           "events": m.getNumEvents(), "sbml": "L3V2", "consistency_errors": 0}
    if as_json:
        emit_json(doc)
    else:
        print(f"wrote {path}: {m.getId()}, SBML L3V2, {doc['species']} species, {doc['reactions']} reactions, {doc['events']} events "
              "(0 consistency errors)")


@export_app.command("neuroml")
def neuroml(
    out: Annotated[str, typer.Option("--out", help="NeuroML2 file to write (.nml or .xml).")] = "magnesim-nmda.nml",
    block: Annotated[str, typer.Option("--block", help="Mg2+ block model: jahr-stevens-1990 or woodhull (instantaneous, exponential in V).")] = "jahr-stevens-1990",
    subunit: Annotated[str | None, typer.Option("--subunit", help="GluN2 subunit preset of the woodhull model: 2A, 2B, 2C or 2D.")] = None,
    mg: Annotated[str, typer.Option("--mg", help="Extracellular [Mg2+] of the block mechanism (bare numbers: mM).")] = "1mM",
    weight: Annotated[str, typer.Option("--weight", help="Peak conductance of one event (bare numbers: nS).")] = "1nS",
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """The NMDA synapse with its Mg2+ block as a NeuroML2 blockingPlasticSynapse (validated against the
    NeuroML2 schema by libNeuroML), for NEURON, jNeuroML, NetPyNE, Jaxley..."""
    from neuroml.utils import validate_neuroml2

    from ..interchange import nmda_neuroml
    from ..units import CONCENTRATION, CONDUCTANCE, to_kernel

    path = _out_path(out, (".nml", ".xml"))
    with as_options(block="--block", subunit="--subunit", model="--block", mg="--mg", weight="--weight", mg_mM="--mg", weight_nS="--weight"):
        text = nmda_neuroml(to_kernel(weight, "weight", CONDUCTANCE), to_kernel(mg, "mg", CONCENTRATION), block, subunit)
    path.write_text(text)
    with contextlib.redirect_stdout(io.StringIO()):  # the validator prints its verdict; it raises when invalid
        validate_neuroml2(str(path))
    doc = {"path": str(path), "element": "blockingPlasticSynapse", "id": "nmda_mg", "block": block, "subunit": subunit, "schema_valid": True}
    if as_json:
        emit_json(doc)
    else:
        print(f"wrote {path}: blockingPlasticSynapse nmda_mg with a voltageConcDepBlockMechanism ({block}"
              f"{', GluN' + subunit.upper().removeprefix('GLUN') if subunit else ''}); valid against the NeuroML2 schema")
