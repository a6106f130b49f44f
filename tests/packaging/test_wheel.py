"""The wheel carries templates, static files and the catalog; it works outside a checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("bankcalc-*.whl"))


def test_wheel_contains_templates_static_and_catalog(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "bankcalc/config/plans.yaml" in names
    assert any(name.startswith("bankcalc/templates/") for name in names)
    assert any(name.startswith("bankcalc/static/") for name in names)
    assert "bankcalc/locales/es/LC_MESSAGES/messages.po" in names


def test_installed_wheel_loads_the_default_catalog(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    # Dependencies come from this test's environment via PYTHONPATH, which (unlike a site dir)
    # does not run the editable install's hook, so `bankcalc` resolves to the installed wheel.
    deps = sysconfig.get_paths()["purelib"]
    script = (
        "import bankcalc, bankcalc.resources as r;"
        "from bankcalc.catalog.loading import load_catalog;"
        "c = load_catalog(); print(bankcalc.__file__); print(r.default_plans_path());"
        "print(r.templates_dir().is_dir(), r.static_dir().is_dir(), len(c.plans));"
        "t = bankcalc.create_app().test_client();"
        "print(t.get('/').status_code, t.get('/static/site.css').status_code);"
        "es = t.get('/?plan=cbr-cord-blood&horizon=20&lang=es').get_data(as_text=True);"
        "print('lang=\"es\"' in es, 'Sus opciones' in es, 'Your choices' in es)"
    )
    result = subprocess.run(
        [python, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": deps, "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    module, catalog, dirs, pages, spanish = result.stdout.strip().splitlines()
    assert module.startswith(str(env_dir))
    assert catalog.startswith(str(env_dir))
    assert dirs.startswith("True True")
    assert int(dirs.split()[-1]) >= 3
    assert pages == "200 200"  # the form renders from the installed templates and static files
    # a Spanish result, from the installed package's own catalogs (compiled at start-up)
    assert spanish == "True True False"
