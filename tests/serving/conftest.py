"""The serving tests' fixture: a real `bankcalc serve` (see live_server.py)."""

from live_server import served

__all__ = ["served"]
