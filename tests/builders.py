"""Small plans and catalogs built in code, so core tests never depend on shipped prices."""

from __future__ import annotations

from typing import Any

import yaml

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


# ---- catalog files: every text in English and Spanish, as the loader requires ---------------

TEXT_KEYS = frozenset(
    {
        "name",
        "note",
        "says",
        "paraphrase",
        "quoted_by",
        "population",
        "event",
        "assumed_by",
        "title",
        "run_by",
        "cost",
        "gives",
        "multiples",
        "confirm",
        "guarantee_terms",
    }
)
TEXT_LISTS = frozenset({"caveats", "conditions"})


def spanish(english: str) -> str:
    """A stand-in Spanish for test catalogs: marked, and still saying 'illustrative' as the
    catalog requires of an illustrative name."""
    return "(es) " + english.replace("illustrative", "ilustrativo")


def bilingual(node: Any, *, bank: bool = False) -> Any:
    """`node` with every catalog text a plain string written {en, es} and every published
    quote given its `es`; texts already in both languages stay as they are."""
    if isinstance(node, list):
        return [bilingual(item, bank=bank) for item in node]
    if not isinstance(node, dict):
        return node
    if "passage" in node and "text" in node:  # a published quote: translate, never touch
        quote = {"es": spanish(node["text"])} | node
        if isinstance(node.get("via"), str):  # who reproduced it: bankcalc's words
            quote["via"] = {"en": node["via"], "es": spanish(node["via"])}
        return quote
    out: dict[str, Any] = {}
    for key, value in node.items():
        if isinstance(value, str) and _is_text(node, key, bank):
            out[key] = {"en": value, "es": spanish(value)}
        elif key in TEXT_LISTS and isinstance(value, list):
            out[key] = [{"en": v, "es": spanish(v)} if isinstance(v, str) else v for v in value]
        else:
            out[key] = bilingual(value, bank=key == "banks")
    return out


def _is_text(node: dict[str, Any], key: str, bank: bool) -> bool:
    if key == "name":
        return not bank  # a bank's name is a proper name
    if key == "source":
        return "basis" in node  # a price source's publisher (a claim's source is a citation)
    if key == "text":
        return "sources" in node  # a note's text (a quote's text is verbatim)
    return key in TEXT_KEYS


def dump_catalog(data: Any) -> str:
    """YAML for a catalog file, every text bilingual (see `bilingual`)."""
    return yaml.safe_dump(bilingual(data), sort_keys=False, allow_unicode=True)
