"""Shared helpers of the CLI tests: run in-process, and the one-line error contract."""

import contextlib
import io

from magnesim.cli import main


def run(capsys, *argv):
    """(exit status, stdout, stderr) of ``magnesim *argv`` run in this process."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``magnesim *argv`` in this process, for fixtures wider than a
    test (capsys is per test)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_one_line_error(capsys, argv, message):
    """Bad input: exit status 2, nothing on stdout, one ``magnesim: error:`` line containing ``message``."""
    code, out, err = run(capsys, *argv)
    lines = err.strip().splitlines()
    assert code == 2 and out == "" and len(lines) == 1, err
    assert lines[0].startswith("magnesim: error: ") and message in lines[0], lines[0]
