"""Reading the catalog file: YAML in, a validated `Catalog` out, or one clear `CatalogError`."""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bankcalc.catalog.models import Catalog
from bankcalc.catalog.offer import OfferedPlan
from bankcalc.resources import default_plans_path

ENV_PLANS = "BANKCALC_PLANS"
_MAX_PROBLEMS = 10


class CatalogError(Exception):
    """The catalog cannot be used; str() names the file, the entry and the problem."""


class _Loader(yaml.SafeLoader):
    """Safe YAML where decimals stay exact and a repeated key is an error, not a silent win."""


def _decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


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
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogError(f"{file}: cannot read the catalog: {error.strerror}") from None
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise CatalogError(f"{file}: not valid YAML: {_yaml_problem(error)}") from None
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{file}: expected a mapping with banks and plans at the top")
    try:
        return Catalog.model_validate(raw)
    except ValidationError as error:
        raise CatalogError(_describe(file, raw, error)) from None


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
