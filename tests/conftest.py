"""Suite-wide settings: a fixed, reproducible hypothesis profile under CI."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI replays the same examples every run (derandomize); locally the search keeps exploring.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line follows LC_ALL / LC_MESSAGES / LANG: a machine set to Spanish must not
    turn the suite's English expectations into Spanish. Tests of that choice set them."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
