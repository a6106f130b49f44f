"""The counselors' JSON API under /api/v1."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Attach the API blueprint to the app."""
