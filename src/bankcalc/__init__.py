"""bankcalc: what private cord-blood banking really costs, and what the quoted odds mean."""

__version__ = "0.1.0"
