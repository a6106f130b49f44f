"""bankcalc: what private cord-blood banking really costs, and what the quoted odds mean."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The Flask app, for `flask --app bankcalc run`; imported lazily so the core needs no Flask."""
    from bankcalc.web import create_app as factory

    return factory(config)
