# bankcalc in a container: the wheel with its locked dependencies on a slim Python, as a
# non-root user. Build from the repository root:
#     docker build -t bankcalc .
#     docker run -p 8000:8000 bankcalc
# Another catalog: mount it and name it, e.g.
#     docker run -p 8000:8000 -v "$PWD/plans.yaml:/etc/bankcalc/plans.yaml:ro" \
#         -e BANKCALC_PLANS=/etc/bankcalc/plans.yaml bankcalc
# BANKCALC_WORKERS sets the worker count (default 2), BANKCALC_CACHE_MAX_AGE how long caches
# may keep catalog answers (default 300 s). Without BANKCALC_PLANS the bundled catalog serves.

# ---- build: the wheel, and a virtualenv with exactly the locked runtime dependencies ----------
FROM python:3.11-slim-trixie AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src
COPY deploy/requirements-build.lock deploy/requirements-runtime.lock deploy/
RUN python -m pip install --no-cache-dir --require-hashes -r deploy/requirements-build.lock \
 && python -m venv /opt/bankcalc \
 && /opt/bankcalc/bin/pip install --no-cache-dir --require-hashes -r deploy/requirements-runtime.lock

COPY pyproject.toml README.md ./
COPY src/ src/
COPY templates/ templates/
COPY static/ static/
COPY config/ config/
# The project alone (--no-deps): every dependency came from the lock above, hashes checked.
RUN python -m pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /dist . \
 && /opt/bankcalc/bin/pip install --no-cache-dir --no-deps /dist/bankcalc-*.whl

# ---- run: the virtualenv only, no compiler, no build tools, no source tree --------------------
FROM python:3.11-slim-trixie

ENV PATH=/opt/bankcalc/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

RUN groupadd --system --gid 10001 bankcalc \
 && useradd --system --uid 10001 --gid bankcalc --no-create-home --shell /usr/sbin/nologin bankcalc
COPY --from=build /opt/bankcalc /opt/bankcalc

USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
# Whatever server `bankcalc serve` runs (gunicorn today) is the image's server too.
CMD ["bankcalc", "serve", "--bind", "0.0.0.0:8000"]
