"""Suite-wide settings: a fixed, reproducible hypothesis profile under CI."""

from __future__ import annotations

import os

from hypothesis import settings

# CI replays the same examples every run (derandomize); locally the search keeps exploring.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
