"""Compile and load the NMODL mechanisms of this folder (tmhh.mod, nmdajs.mod) for NEURON.

The mechanisms are compiled with ``nrnivmodl`` into ``scripts/reference_traces/_nrnbuild/`` (git-ignored,
see .gitignore here), keyed by a hash of the .mod files, so they are rebuilt only when a .mod file
changes. Used by b1_neuron.py here and by benchmarks/peers/b1_neuron.py.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MOD_FILES = ("tmhh.mod", "nmdajs.mod")
BUILD_ROOT = HERE / "_nrnbuild"


def _mod_hash() -> str:
    h = hashlib.sha256()
    for name in MOD_FILES:
        h.update(name.encode())
        h.update((HERE / name).read_bytes())
    return h.hexdigest()[:16]


def _nrnivmodl() -> str:
    cand = Path(sys.executable).parent / "nrnivmodl"  # the venv's, next to its python
    if cand.exists():
        return str(cand)
    found = shutil.which("nrnivmodl")
    if found is None:
        raise RuntimeError("nrnivmodl not found (is the PyPI package `neuron` installed?)")
    return found


def build_dir() -> Path:
    """Directory holding the compiled mechanisms (compiled now if missing or stale)."""
    build = BUILD_ROOT / _mod_hash()
    stamp = build / "ok"
    if not stamp.exists():
        if BUILD_ROOT.exists():
            shutil.rmtree(BUILD_ROOT)
        build.mkdir(parents=True)
        for name in MOD_FILES:
            shutil.copy2(HERE / name, build / name)
        proc = subprocess.run([_nrnivmodl()], cwd=build, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"nrnivmodl failed:\n{proc.stdout}\n{proc.stderr}")
        stamp.write_text(proc.stdout)
    return build


def load() -> Path:
    """Compile if needed and load the mechanisms into the running NEURON; returns the build dir."""
    import neuron

    build = build_dir()
    if not hasattr(load, "_done"):
        # neuron.load_mechanisms looks for <dir>/<arch>/libnrnmech.so (or .libs/libnrnmech.so)
        if not neuron.load_mechanisms(str(build), warn_if_already_loaded=False):
            raise RuntimeError(f"could not load the mechanisms compiled in {build}")
        load._done = True
    return build


if __name__ == "__main__":
    print(build_dir())
