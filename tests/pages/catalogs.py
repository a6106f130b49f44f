"""The small catalog page and browser tests price by hand; never the shipped prices."""

from __future__ import annotations

from typing import Any

from builders import catalog_data, plan_data, prepaid

TODAY = "2027-01-01"  # a Friday; pinned so timeline tests never depend on the clock


def small_catalog() -> dict[str, Any]:
    """alpha: 1000 processing + 100 kit (shared), 100/yr, or 10 years prepaid for 800.
    beta: 500 processing, 300/yr, yearly only."""
    alpha = plan_data(
        "alpha",
        processing="1000.00",
        kit="100.00",
        annual="100.00",
        options=[
            {"id": "yearly", "kind": "yearly", "name": "Pay yearly"},
            prepaid(
                "10 years",
                "800.00",
                name="Ten years prepaid",
                source={
                    "as_of": "2026-02-03",
                    "source": "Alpha's brochure, page 2",
                    "basis": "third_party",
                },
            ),
        ],
    )
    alpha["guarantee"] = "50000.00"
    beta = plan_data("beta", processing="500.00", annual="300.00")
    return catalog_data([alpha, beta])
