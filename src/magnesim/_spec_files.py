"""Reading YAML specification files (scenarios, calibration specs): the file's text, the safe YAML
load, and pydantic's first error as one line with the field path, the value and what is accepted."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import ScenarioError

__all__ = ["first_error", "read_text", "short", "validate_mapping", "yaml_data"]

# pydantic adds these to an error's location for unions and validators; they are not field names
_LOC_TAGS = ("function-", "nullable", "float", "str", "int", "literal[", "tuple[")


def read_text(source: str | Path, what: str, accepted: str) -> tuple[str, str]:
    """(UTF-8 text, where it came from) of file ``source``; ``what`` names it in errors."""
    path = Path(source)
    if not path.is_file():
        raise ScenarioError(f"{what}: got '{source}' (no such file); accepted: {accepted}")
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror or type(exc).__name__
        raise ScenarioError(f"{what}: got '{source}' ({reason}); accepted: a readable UTF-8 {accepted.removeprefix('a ')}") from None


def yaml_data(text: str, where: str):
    """YAML ``text`` read with the safe loader; a syntax error names the line and column."""
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ScenarioError(f"{where}: not valid YAML{at} ({getattr(exc, 'problem', None) or 'syntax error'})") from None


def validate_mapping(data, root: type[BaseModel], where: str, default_path: str):
    """``root`` validated from parsed YAML ``data`` (a mapping); errors prefixed with ``where``."""
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: got {type(data).__name__} {short(data)}; accepted: a YAML mapping of the keys "
                            f"{', '.join(root.model_fields)}")
    try:
        return root.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(f"{where}: {first_error(exc, root, default_path)}") from None


def first_error(exc: ValidationError, root: type[BaseModel], default_path: str) -> str:
    """pydantic's first error as 'path: got VALUE; accepted: ...' (field names of ``root``'s models)."""
    err = exc.errors()[0]
    loc = [str(x) for x in err["loc"] if not str(x).startswith(_LOC_TAGS)]
    path = ".".join(loc) or default_path
    kind, value = err["type"], err.get("input")
    if kind == "extra_forbidden":
        return f"{path}: unknown key; accepted: {', '.join(_fields(root, loc[:-1]))}"
    if kind == "model_type":
        return f"{path}: got {short(value)}; accepted: a mapping with the keys {', '.join(_fields(root, loc))}"
    if kind == "missing":
        return f"{path}: missing; this field is required"
    message = err["msg"].removeprefix("Value error, ")
    if message.startswith("got "):  # a validator that wrote the whole message
        return f"{path}: {message}"
    return f"{path}: got {short(value)}; accepted: {message.removeprefix('Input should be ')}"


def _fields(root: type[BaseModel], loc: list[str]) -> list[str]:
    """Field names of the model at ``loc`` inside ``root``."""
    model = root
    for name in loc:
        if name.isdigit():
            continue
        annotation = model.model_fields[name].annotation
        for arg in getattr(annotation, "__args__", (annotation,)):
            inner = [a for a in (arg, *getattr(arg, "__metadata__", ()), *getattr(arg, "__args__", ()))
                     if isinstance(a, type) and issubclass(a, BaseModel)]
            if inner:
                model = inner[0]
                break
        else:
            return []
    return list(model.model_fields)


def short(value) -> str:
    """``repr(value)``, cut to 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
