"""The ``magnesim`` command line.

Every command takes ``--json`` (a machine-readable result on stdout); figures go to ``--plot FILE``.
Bad input gives one line on stderr, ``magnesim: error: <parameter>: got <value>; accepted: ...``,
and exit status 2, with no traceback. Heavy libraries (JAX, xarray, matplotlib) are imported by the
commands that need them, so that quick commands start quickly.
"""

from __future__ import annotations

import sys

import typer

from ..errors import MagnesimError
from . import body as _body_cmd
from . import calibrate as _calibrate_cmd
from . import cell as _cell_cmd
from . import circuit as _circuit_cmd
from . import claims as _claims_cmd
from . import export as _export_cmd
from . import injury as _injury_cmd
from . import params as _params_cmd
from . import receptor as _receptor_cmd
from . import scenario as _scenario_cmd
from . import sweep as _sweep_cmd
from . import tdm as _tdm_cmd
from . import validate as _validate_cmd

__all__ = ["app", "main"]

app = typer.Typer(
    name="magnesim",
    help="Magnesium in the nervous system: from a dose to a neuron.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("block")(_receptor_cmd.block)
app.command("unblock")(_receptor_cmd.unblock)
app.command("models")(_receptor_cmd.models)
app.command("params")(_params_cmd.params)
app.command("pk")(_body_cmd.pk)
app.command("fire")(_cell_cmd.fire)
app.command("windup")(_circuit_cmd.windup)
app.command("network")(_circuit_cmd.network)
app.command("excitotox")(_injury_cmd.excitotox)
app.command("lesion")(_injury_cmd.lesion)
app.command("energetics")(_injury_cmd.energetics)
app.command("energy", hidden=True)(_injury_cmd.energetics)  # the earlier name, kept for existing scripts
app.command("run")(_scenario_cmd.run)
app.command("claims")(_claims_cmd.claims)
app.add_typer(_scenario_cmd.scenario_app, name="scenario")
app.command("validate")(_validate_cmd.validate)
app.command("calibrate")(_calibrate_cmd.calibrate)
app.command("tdm")(_tdm_cmd.tdm)
app.command("sweep")(_sweep_cmd.sweep)
app.add_typer(_export_cmd.export_app, name="export")

# typer may ship its own copy of click; its BadParameter derives from the usage-error class either way.
_USAGE_ERROR = typer.BadParameter.__mro__[1]


def _fail(message: str) -> int:
    sys.stdout.flush()
    print(f"magnesim: error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns (and, as a script, exits with) the status code."""
    from .._configure import configure

    configure()  # before any command imports JAX
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="magnesim", standalone_mode=False)
    except MagnesimError as exc:
        return _fail(str(exc).splitlines()[0])
    except _USAGE_ERROR as exc:
        return _fail(exc.format_message().replace("\n", " "))
    except typer.Abort:
        return _fail("aborted")
    except BrokenPipeError:
        return 0
    return result if isinstance(result, int) else 0
