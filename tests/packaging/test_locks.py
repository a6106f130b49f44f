"""The hashed lock files hold what pyproject.toml asks for, and the image's locks pin the very
versions the suite runs with (`make lock` writes all three)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
RUNTIME_LOCK = ROOT / "deploy" / "requirements-runtime.lock"
BUILD_LOCK = ROOT / "deploy" / "requirements-build.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def entries(lock: Path) -> list[tuple[Requirement, list[str]]]:
    """Each pinned requirement of a lock file with its hashes (continuation lines joined)."""
    text = lock.read_text(encoding="utf-8").replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        spec, *hashes = re.split(r"\s+--hash=", line)
        found.append((Requirement(spec), hashes))
    return found


def pins(lock: Path) -> dict[str, str]:
    """{name: version} for this interpreter (a universal lock may pin one name per marker)."""
    chosen: dict[str, str] = {}
    for requirement, _ in entries(lock):
        if requirement.marker is None or requirement.marker.evaluate():
            chosen[canonicalize_name(requirement.name)] = str(requirement.specifier)[2:]
    return chosen


def asked(*groups: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    for group in groups:
        wanted += [Requirement(r) for r in project["optional-dependencies"][group]]
    return wanted


@pytest.mark.parametrize("lock", [LOCK, RUNTIME_LOCK, BUILD_LOCK], ids=lambda p: p.name)
def test_every_pin_is_exact_and_hashed(lock: Path) -> None:
    found = entries(lock)
    assert found
    for requirement, hashes in found:
        assert re.fullmatch(r"==[^,*]+", str(requirement.specifier)), requirement
        assert hashes, f"{requirement} has no --hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), requirement


@pytest.mark.parametrize(
    ("lock", "groups"),
    [(LOCK, ("test", "dev")), (RUNTIME_LOCK, ())],
    ids=["requirements.lock", "requirements-runtime.lock"],
)
def test_the_lock_holds_every_requirement_of_pyproject(lock: Path, groups: tuple[str]) -> None:
    locked = pins(lock)
    for requirement in asked(*groups):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in {lock.name}: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{lock.name} pins {name}=={locked[name]}, pyproject asks {requirement}: run make lock"
        )


def test_the_build_lock_holds_the_build_backend() -> None:
    locked = pins(BUILD_LOCK)
    for spec in PYPROJECT["build-system"]["requires"]:
        requirement = Requirement(spec)
        assert requirement.specifier.contains(locked[canonicalize_name(requirement.name)])


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, BUILD_LOCK], ids=lambda p: p.name)
def test_the_image_gets_the_versions_the_suite_runs_with(lock: Path) -> None:
    tested = pins(LOCK)
    for name, version in pins(lock).items():
        assert tested.get(name) == version, f"{name}: image {version}, tests {tested.get(name)}"


def test_the_runtime_lock_carries_no_test_or_dev_tool() -> None:
    runtime = pins(RUNTIME_LOCK)
    for requirement in asked("test", "dev"):
        if requirement not in asked():
            assert canonicalize_name(requirement.name) not in runtime, requirement.name
