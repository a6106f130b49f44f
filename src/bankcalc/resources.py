"""Where the templates, static files and bundled catalog are, installed or in a checkout.

The wheel carries them inside the package (see pyproject's force-include); in a source
checkout (an editable install) they sit at the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def _find(*parts: str) -> Path:
    inside = _PACKAGE.joinpath(*parts)
    return inside if inside.exists() else _CHECKOUT.joinpath(*parts)


def templates_dir() -> Path:
    return _find("templates")


def static_dir() -> Path:
    return _find("static")


def default_plans_path() -> Path:
    return _find("config", "plans.yaml")
