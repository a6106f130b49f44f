"""bankcalc under gunicorn with a chosen worker class, for comparing serving stacks.

    .venv/bin/python benchmarks/stack_app.py --bind 127.0.0.1:8001 --worker-class sync

Everything but the worker class comes from bankcalc.serve.gunicorn_options (workers, access
log, timeouts, request limits) and the catalog keeper, so `--worker-class sync` is the
server `bankcalc serve` ran before issue 15, whatever `bankcalc serve` runs today.
"""

from __future__ import annotations

import argparse

from bankcalc.catalog.loading import catalog_path, load_catalog
from bankcalc.serve import CatalogKeeper, _Gunicorn, gunicorn_options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="127.0.0.1:8001")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", help="sync, gevent, or a dotted path")
    args = parser.parse_args()
    options = gunicorn_options(args.bind, args.workers) | {"worker_class": args.worker_class}
    path = catalog_path(None)
    _Gunicorn(options, CatalogKeeper(path, load_catalog(path))).run()


if __name__ == "__main__":
    main()
