"""Reading the catalog file: YAML in, a validated `Catalog` out, or one clear `CatalogError`.

Every way a file can fail (unreadable, too big, not UTF-8, not YAML, a number Decimal cannot
take such as `.inf` or `1:30.5`, a date that does not exist, nesting deep enough to exhaust
the stack, or invalid values) ends as a CatalogError naming the file and, where it can, the
line, the entry and the field: the server refuses such a file at start-up or on SIGHUP and
never falls over on it.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bankcalc.catalog.models import Catalog
from bankcalc.catalog.offer import OfferedPlan
from bankcalc.catalog.text import SPANISH_REQUIRED
from bankcalc.resources import default_plans_path

ENV_PLANS = "BANKCALC_PLANS"
MAX_CATALOG_BYTES = 2 * 1024 * 1024  # the shipped catalog is ~22 KB
_MAX_PROBLEMS = 10
_MAX_SHOWN = 40  # characters of a bad value quoted back


class CatalogError(Exception):
    """The catalog cannot be used; str() names the file, the entry and the problem."""


class _Loader(yaml.SafeLoader):
    """Safe YAML where decimals stay exact and a repeated key is an error, not a silent win."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A scalar YAML resolves but Python cannot build (2026-02-30, a 5,000-digit integer)
        # raises ValueError deep in PyYAML: say which value, and where.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, ArithmeticError) as error:
            shown = _shown(node.value) if isinstance(node.value, str) else node.tag
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {shown}: {str(error).split(';')[0]}", node.start_mark
            ) from None


def _shown(text: str) -> str:
    return repr(text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "...")


def _decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node))
    try:
        number = Decimal(text.replace("_", ""))
    except InvalidOperation:  # YAML 1.1 floats Decimal does not take: 1:30.5 (base 60)
        number = Decimal("NaN")
    if not number.is_finite():  # .inf, .nan
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"{_shown(text)} is not a number bankcalc can use: write a plain decimal, e.g. 175.00",
            node.start_mark,
        )
    return number


def _mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue  # keys merged in from an anchor (<<: *x) may be overridden, as YAML allows
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' appears twice (line {line})", key_node.start_mark
            )
        seen.add(key)
    loader.flatten_mapping(node)  # then resolve the merge keys, as PyYAML's own mappings do
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def catalog_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The catalog to use: an explicit path, else $BANKCALC_PLANS, else the bundled file."""
    chosen = explicit or os.environ.get(ENV_PLANS)
    return Path(chosen) if chosen else default_plans_path()


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Read and validate a catalog file; raise CatalogError with a message for people."""
    file = catalog_path(path)
    try:
        raw = _parse(file, _text(file))
        if not isinstance(raw, Mapping):
            raise CatalogError(f"{file}: expected a mapping with banks and plans at the top")
        try:
            return Catalog.model_validate(raw, context=SPANISH_REQUIRED)
        except ValidationError as error:
            raise CatalogError(_describe(file, raw, error)) from None
    except CatalogError:
        raise
    except RecursionError:
        raise CatalogError(f"{file}: the catalog is nested too deeply to read") from None
    except Exception as error:  # whatever else: still one message, never a traceback
        kind = type(error).__name__
        raise CatalogError(f"{file}: the catalog cannot be used: {kind}: {error}") from None


def _text(file: Path) -> str:
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_CATALOG_BYTES + 1)
    except OSError as error:
        raise CatalogError(f"{file}: cannot read the catalog: {error.strerror}") from None
    if len(data) > MAX_CATALOG_BYTES:
        limit = MAX_CATALOG_BYTES // (1024 * 1024)
        raise CatalogError(f"{file}: the catalog is larger than {limit} MiB; is it the right file?")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start : error.start + 1].hex()
        raise CatalogError(
            f"{file}: not UTF-8 text: byte 0x{byte} at line {line}, column {column};"
            " save the file as UTF-8"
        ) from None


def _parse(file: Path, text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.constructor.ConstructorError as error:  # valid YAML, a value Python refuses
        raise CatalogError(f"{file}: {_yaml_problem(error)}") from None
    except yaml.YAMLError as error:
        raise CatalogError(f"{file}: not valid YAML: {_yaml_problem(error)}") from None
    except RecursionError:
        raise CatalogError(f"{file}: not valid YAML: nested too deeply to read") from None


def load_offer(path: str | os.PathLike[str]) -> OfferedPlan:
    """Read one plan in the catalog's format (a bank's offer); CatalogError names the file
    and each bad field, as for the catalog."""
    file = Path(path)
    try:
        raw = yaml.load(file.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise CatalogError(f"{file}: cannot read the plan: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise CatalogError(f"{file}: not valid YAML: {_yaml_problem(error)}") from None
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{file}: expected one plan: a mapping with its fees and options")
    try:
        return OfferedPlan.model_validate(raw)
    except ValidationError as error:
        problems = _root_causes(error.errors(include_url=False))
        lines = [f"{file}: {len(problems)} problem(s) in the plan"]
        lines += [
            f"  {_path(problem['loc'], raw) or '(the plan)'}: {_reason(problem)}"
            for problem in problems[:_MAX_PROBLEMS]
        ]
        raise CatalogError("\n".join(lines)) from None


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"{problem}{where}"


def _describe(file: Path, raw: Mapping[str, Any], error: ValidationError) -> str:
    problems = _root_causes(error.errors(include_url=False))
    lines = [f"{file}: {len(problems)} problem(s) in the catalog"]
    for problem in problems[:_MAX_PROBLEMS]:
        entry, field = _locate(raw, problem["loc"])
        lines.append(f"  {entry}: {field}: {_reason(problem)}")
    if len(problems) > _MAX_PROBLEMS:
        lines.append(f"  ... and {len(problems) - _MAX_PROBLEMS} more")
    return "\n".join(lines)


def _root_causes(problems: list[Any]) -> list[Any]:
    """Drop "too short" echoes: a list whose bad items were dropped is reported by those items."""
    locations = [tuple(problem["loc"]) for problem in problems]

    def echoed(loc: tuple[Any, ...]) -> bool:
        return any(len(other) > len(loc) and other[: len(loc)] == loc for other in locations)

    return [p for p in problems if p["type"] != "too_short" or not echoed(tuple(p["loc"]))]


def _reason(problem: Mapping[str, Any]) -> str:
    message = str(problem["msg"]).removeprefix("Value error, ")
    if problem["type"] in {"missing", "extra_forbidden"}:
        return message.lower()
    given = problem.get("input")
    if isinstance(given, str | int | Decimal) and not isinstance(given, bool):
        return f"{message} (got {given!r})" if repr(given) not in message else message
    return message


def _locate(raw: Mapping[str, Any], loc: Sequence[int | str]) -> tuple[str, str]:
    """('plans', 2, 'annual_storage_fee') -> ("plan 'x'", 'annual_storage_fee')."""
    sections = {"plans", "banks", "claims", "notes", "programs"}
    if len(loc) >= 2 and isinstance(loc[1], int) and loc[0] in sections:
        section, index = str(loc[0]), loc[1]
        entries = raw.get(section)
        item = entries[index] if isinstance(entries, list) and index < len(entries) else None
        ident = item.get("id") if isinstance(item, Mapping) else None
        label = section.rstrip("s")
        entry = f"{label} '{ident}'" if ident else f"{section}[{index}]"
        return entry, _path(loc[2:], item) or "(the entry)"
    return "catalog", _path(loc, raw) or "(the whole file)"


def _path(loc: Sequence[int | str], node: Any) -> str:
    """Join a location, dropping the union tags pydantic inserts (e.g. 'prepaid')."""
    parts: list[str] = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"[{key}]")
            node = node[key] if isinstance(node, list) and key < len(node) else None
        elif isinstance(node, Mapping) and key not in node and node.get("kind") == key:
            continue
        else:
            parts.append(f".{key}" if parts else key)
            node = node.get(key) if isinstance(node, Mapping) else None
    return "".join(parts)
