"""`bankcalc serve` with one suggested fix applied in memory, to measure it before src/ has it.

    .venv/bin/python benchmarks/whatif_serve.py --bind 127.0.0.1:8002 --workers 2

The fix: flask-openapi3 4.x calls `model_json_schema()` of a view's query model on every
request (flask_openapi3/request.py, _validate_query) to find array fields; for QuoteQuery
that costs ~120 us per POST /api/v1/quotes. Here the schema is computed once and reused.
Nothing in src/ is changed; run.py --what-if benchmarks this server in place of the real one.
"""

from __future__ import annotations

import argparse
from typing import Any

from pydantic import BaseModel

from bankcalc.serve import serve
from bankcalc.web.api import QuoteQuery


def cache_json_schema(model: type[BaseModel]) -> None:
    """Serve the no-argument model_json_schema() from a copy computed once."""
    schema = model.model_json_schema()
    original = model.model_json_schema

    def model_json_schema(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return schema if not args and not kwargs else original(*args, **kwargs)

    type.__setattr__(model, "model_json_schema", staticmethod(model_json_schema))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="127.0.0.1:8002")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    cache_json_schema(QuoteQuery)
    raise SystemExit(serve(args.bind, args.workers))


if __name__ == "__main__":
    main()
