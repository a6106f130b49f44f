"""The container image definition and the Kubernetes manifests agree with the service and with
each other. `make lint` runs hadolint and kubernetes-validate on them; these tests check what
those linters cannot know: the paths, ports, names and user the pieces share."""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from importlib import metadata
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bankcalc.catalog.loading import load_catalog

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
K8S = ROOT / "deploy" / "k8s"
CONFIGMAP_SCRIPT = ROOT / "scripts" / "catalog-configmap"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments out."""
    lines = [line for line in DOCKERFILE.splitlines() if not line.lstrip().startswith("#")]
    joined = "\n".join(lines).replace("\\\n", " ")
    found = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def stages() -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = []
    for word, rest in instructions():
        if word == "FROM":
            out.append([])
        out[-1].append((word, rest))
    return out


def resources() -> dict[str, dict[str, Any]]:
    """Every manifest under deploy/k8s by kind."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            found[doc["kind"]] = doc
    return found


def container() -> dict[str, Any]:
    spec = resources()["Deployment"]["spec"]["template"]["spec"]
    (only,) = spec["containers"]
    return dict(only)


# ---- the image --------------------------------------------------------------------------------


def test_the_image_builds_in_one_stage_and_runs_from_another_slim_one() -> None:
    built = stages()
    assert len(built) >= 2
    for stage in built:
        image = stage[0][1].split()[0]
        assert re.fullmatch(r"python:3\.1\d+-slim(-\w+)?", image), image
    final = dict(built[-1])
    assert "RUN" not in final or "pip install" not in final["RUN"]  # nothing built at run stage


def test_the_image_installs_the_locked_dependencies_then_the_wheel_without_its_own() -> None:
    runs = " ".join(rest for word, rest in stages()[0] if word == "RUN")
    assert "--require-hashes -r deploy/requirements-runtime.lock" in runs
    assert "--require-hashes -r deploy/requirements-build.lock" in runs
    assert re.search(r"pip install [^&]*--no-deps [^&]*bankcalc-\*\.whl", runs)
    assert re.search(r"pip wheel [^&]*--no-deps [^&]*--no-build-isolation", runs)


def test_the_image_runs_as_an_unprivileged_user() -> None:
    users = [rest for word, rest in stages()[-1] if word == "USER"]
    assert users
    uid = users[-1].split(":")[0]
    assert uid.isdigit()
    assert int(uid) >= 1000


def test_the_image_checks_its_health_on_healthz_and_serves_on_all_interfaces() -> None:
    final = dict(stages()[-1])
    assert "/healthz" in final["HEALTHCHECK"]
    assert shlex.split(final["CMD"].strip("[]").replace(",", " ")) == [
        "bankcalc", "serve", "--bind", "0.0.0.0:8000",
    ]  # fmt: skip
    assert final["EXPOSE"] == "8000"


def test_the_build_context_holds_everything_the_dockerfile_copies() -> None:
    allowed = {
        line[1:].rstrip("/")
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.startswith("!")
    }
    for word, rest in instructions():
        if word != "COPY" or rest.startswith("--from"):
            continue
        *sources, _ = rest.split()
        for source in sources:
            assert source.rstrip("/") in allowed, f"{source} is left out by .dockerignore"
            assert (ROOT / source).exists(), source


def test_the_runtime_lock_holds_exactly_what_bankcalc_needs_to_run() -> None:
    """The image installs the runtime lock with --no-deps for bankcalc: a missing transitive
    dependency would only show when the container starts. Checked here against the
    installed packages' own metadata."""
    needed: set[str] = set()
    pending = [Requirement(r) for r in metadata.requires("bankcalc") or []]
    while pending:
        requirement = pending.pop()
        marker_env = {"extra": ""}
        if requirement.marker is not None and not requirement.marker.evaluate(marker_env):
            continue
        name = canonicalize_name(requirement.name)
        if name in needed:
            continue
        needed.add(name)
        for spec in metadata.requires(name) or []:
            sub = Requirement(spec)
            extras = requirement.extras or {""}
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in extras):
                pending.append(sub)
    text = (ROOT / "deploy" / "requirements-runtime.lock").read_text(encoding="utf-8")
    pins = [
        Requirement(line.split(" \\")[0])
        for line in text.splitlines()
        if line and not line.startswith((" ", "#"))
    ]
    # The lock is universal; pip installs in the image (CPython on Linux, like this machine)
    # only the pins whose marker holds here: brotlicffi is PyPy's, cffi Windows' and PyPy's.
    locked = {
        canonicalize_name(pin.name) for pin in pins if pin.marker is None or pin.marker.evaluate()
    }
    assert needed - locked == set(), "run make lock"
    assert locked - needed == set()


# ---- the cluster ------------------------------------------------------------------------------


def test_the_manifests_name_a_deployment_service_autoscaler_and_catalog() -> None:
    kinds = set(resources())
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap"} <= kinds


def test_the_pods_run_as_the_images_user_and_cannot_gain_privileges() -> None:
    pod = resources()["Deployment"]["spec"]["template"]["spec"]
    image_user = [rest for word, rest in stages()[-1] if word == "USER"][-1].split(":")[0]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert str(pod["securityContext"]["runAsUser"]) == image_user
    assert container()["securityContext"]["allowPrivilegeEscalation"] is False


def test_both_probes_ask_healthz_on_the_port_the_app_serves() -> None:
    spec = container()
    ports = {port["name"]: port["containerPort"] for port in spec["ports"]}
    assert ports["http"] == 8000  # the image's --bind 0.0.0.0:8000
    for probe in ("readinessProbe", "livenessProbe"):
        get = spec[probe]["httpGet"]
        assert get["path"] == "/healthz"
        assert get["port"] in ports or get["port"] in ports.values()


def test_the_service_and_the_autoscaler_point_at_the_deployment() -> None:
    found = resources()
    deployment = found["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert found["Service"]["spec"]["selector"].items() <= labels.items()
    assert found["Service"]["spec"]["ports"][0]["targetPort"] == "http"
    target = found["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    (metric,) = found["HorizontalPodAutoscaler"]["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert "cpu" in container()["resources"]["requests"]  # utilization is relative to it


def test_the_catalog_configmap_is_mounted_where_bankcalc_plans_points() -> None:
    found = resources()
    spec = container()
    env = {item["name"]: item["value"] for item in spec["env"]}
    plans = Path(env["BANKCALC_PLANS"])
    volumes = {v["name"]: v for v in found["Deployment"]["spec"]["template"]["spec"]["volumes"]}
    (mount,) = [m for m in spec["volumeMounts"] if Path(m["mountPath"]) == plans.parent]
    assert "subPath" not in mount  # a subPath mount never sees the ConfigMap change
    assert volumes[mount["name"]]["configMap"]["name"] == found["ConfigMap"]["metadata"]["name"]
    assert plans.name in found["ConfigMap"]["data"]


def test_the_catalog_configmap_is_the_bundled_catalog(tmp_path: Path) -> None:
    generated = subprocess.run(
        [sys.executable, str(CONFIGMAP_SCRIPT), str(ROOT / "config" / "plans.yaml")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert generated == (K8S / "catalog.yaml").read_text(encoding="utf-8"), "make k8s-catalog"
    text = yaml.safe_load(generated)["data"]["plans.yaml"]
    assert text == (ROOT / "config" / "plans.yaml").read_text(encoding="utf-8")
    copy = tmp_path / "plans.yaml"
    copy.write_text(text, encoding="utf-8")
    assert load_catalog(copy).plans


def test_a_catalog_the_service_would_refuse_never_becomes_a_configmap(tmp_path: Path) -> None:
    bad = tmp_path / "plans.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(CONFIGMAP_SCRIPT), str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert str(bad) in result.stderr


def load_script() -> ModuleType:
    loader = SourceFileLoader("catalog_configmap", str(CONFIGMAP_SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "text", ["a: 1\n  # indented comment\n\n\nb: '  x  '\n", "a: 1", "a: 1\n\n"]
)
def test_the_configmap_keeps_any_catalog_text_verbatim(text: str) -> None:
    out = load_script().configmap(text)
    assert yaml.safe_load(out)["data"]["plans.yaml"] == text


def test_the_memory_limit_leaves_room_above_the_request() -> None:
    resources_ = container()["resources"]

    def mib(text: str) -> int:
        number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", text).groups()  # type: ignore[union-attr]
        return int(number) * (1024 if unit == "Gi" else 1)

    assert mib(resources_["limits"]["memory"]) > mib(resources_["requests"]["memory"])
