"""The families' pages (the web form). Filled in by the web-form work."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Attach the pages blueprint to the app."""
