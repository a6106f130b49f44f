"""Small plans and catalogs built in code, so core tests never depend on shipped prices."""

from __future__ import annotations

from typing import Any

from bankcalc.catalog.models import Catalog, Plan

SOURCE = {"as_of": "2026-01-01", "source": "test fixture", "basis": "quoted"}
YEARLY = {"id": "yearly", "kind": "yearly", "name": "Pay yearly"}


def plan_data(
    plan_id: str = "test-plan",
    *,
    processing: str = "1500.00",
    kit: str | None = None,
    kit_shared: bool = True,
    annual: str = "175.00",
    first_year_included: bool = False,
    options: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    fees: list[dict[str, Any]] = [
        {"name": "Processing", "kind": "processing", "amount": processing}
    ]
    if kit is not None:
        fees.append(
            {"name": "Kit", "kind": "courier_kit", "amount": kit, "shared_by_multiples": kit_shared}
        )
    return {
        "id": plan_id,
        "bank": "test-bank",
        "name": f"Plan {plan_id}",
        "stores": ["cord_blood"],
        "one_time_fees": fees,
        "annual_storage_fee": annual,
        "first_year_included": first_year_included,
        "payment_options": options or [YEARLY],
        "prices": SOURCE,
    }


def make_plan(plan_id: str = "test-plan", **kwargs: Any) -> Plan:
    return Plan.model_validate(plan_data(plan_id, **kwargs))


def catalog_data(plans: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": 1,
        "banks": [{"id": "test-bank", "name": "Test Bank"}],
        "plans": plans,
    }


def make_catalog(plans: list[dict[str, Any]]) -> Catalog:
    return Catalog.model_validate(catalog_data(plans))


def prepaid(term: str, price: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "prepaid",
        "kind": "prepaid",
        "name": "Prepaid",
        "term": term,
        "price": price,
    } | extra


def lifetime(length: str | None, price: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "lifetime",
        "kind": "lifetime",
        "name": "Lifetime",
        "length": length,
        "price": price,
    } | extra


def installments(months: int, apr: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "monthly",
        "kind": "installments",
        "name": "Monthly",
        "months": months,
        "apr": apr,
    } | extra
