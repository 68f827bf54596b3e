"""Shared helpers of the CLI tests: run in-process, and the one-line error contract."""

from magnesim.cli import main


def run(capsys, *argv):
    """(exit status, stdout, stderr) of ``magnesim *argv`` run in this process."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(capsys, argv, message):
    """Bad input: exit status 2, nothing on stdout, one ``magnesim: error:`` line containing ``message``."""
    code, out, err = run(capsys, *argv)
    lines = err.strip().splitlines()
    assert code == 2 and out == "" and len(lines) == 1, err
    assert lines[0].startswith("magnesim: error: ") and message in lines[0], lines[0]
