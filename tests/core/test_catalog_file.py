"""A bad catalog stops start-up with one message naming the file, the entry and the problem."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from bad_catalogs import BAD_CATALOGS, write_bad
from bankcalc.catalog.loading import MAX_CATALOG_BYTES, CatalogError, catalog_path, load_catalog
from bankcalc.resources import default_plans_path
from builders import catalog_data, dump_catalog, plan_data, prepaid


def good() -> dict[str, Any]:
    return catalog_data([plan_data("alpha"), plan_data("beta")])


def write(tmp_path: Path, data: dict[str, Any] | str) -> Path:
    path = tmp_path / "plans.yaml"
    path.write_text(data if isinstance(data, str) else dump_catalog(data), encoding="utf-8")
    return path


def problem(tmp_path: Path, data: dict[str, Any] | str) -> str:
    path = write(tmp_path, data)
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert str(path) in message
    assert "Traceback" not in message
    return message


def test_a_good_file_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, good()))
    assert [plan.id for plan in catalog.plans] == ["alpha", "beta"]


def test_missing_field_names_the_plan_and_field(tmp_path: Path) -> None:
    data = good()
    del data["plans"][1]["annual_storage_fee"]
    message = problem(tmp_path, data)
    assert "plan 'beta': annual_storage_fee: field required" in message


def test_negative_fee_names_the_fee(tmp_path: Path) -> None:
    data = good()
    data["plans"][0]["one_time_fees"][0]["amount"] = "-10.00"
    message = problem(tmp_path, data)
    assert "plan 'alpha': one_time_fees[0].amount" in message
    assert "greater than or equal to 0" in message


def test_a_catalog_cannot_preselect_a_plan(tmp_path: Path) -> None:
    # the landing page favours no bank, so the catalog has no default plan to name
    data = good() | {"defaults": {"plan": "alpha"}}
    assert "catalog: defaults.plan: extra inputs are not permitted" in problem(tmp_path, data)


def test_an_illustrative_fee_must_say_so_in_its_name(tmp_path: Path) -> None:
    data = good()
    made_up = {"read_on": "2026-11-25", "source": "bankcalc", "basis": "illustrative"}
    data["plans"][0]["one_time_fees"][0]["source"] = made_up
    message = problem(tmp_path, data)
    assert "plan 'alpha': one_time_fees[0]: an illustrative fee must say so in its name" in message


def test_a_plan_needs_one_option_with_a_published_price(tmp_path: Path) -> None:
    data = good()
    data["plans"][0]["payment_options"] = [prepaid("20 years", None)]
    message = problem(tmp_path, data)
    assert "plan 'alpha': (the entry): at least one payment option needs a published price" in (
        message
    )


def test_unknown_bank_is_refused(tmp_path: Path) -> None:
    data = good()
    data["plans"][1]["bank"] = "nobody"
    assert "plan 'beta' names bank 'nobody', which is not listed" in problem(tmp_path, data)


def test_unknown_financed_option_is_refused(tmp_path: Path) -> None:
    data = good()
    loan = {"id": "monthly", "kind": "installments", "name": "M", "months": 12, "apr": "0 %"}
    data["plans"][0]["payment_options"].append(loan | {"finances": "prepaid-99"})
    message = problem(tmp_path, data)
    assert "plan 'alpha'" in message
    assert "finances 'prepaid-99'" in message


def test_duration_with_the_wrong_unit_names_the_option_field(tmp_path: Path) -> None:
    data = good()
    data["plans"][0]["payment_options"].append(prepaid("20 USD", "3000.00"))
    message = problem(tmp_path, data)
    assert "plan 'alpha': payment_options[1].term:" in message
    assert "20 USD" in message


def test_duplicate_plan_id_is_refused(tmp_path: Path) -> None:
    data = good()
    data["plans"].append(copy.deepcopy(data["plans"][0]))
    assert "duplicate plan id 'alpha'" in problem(tmp_path, data)


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    message = problem(tmp_path, "plans: [\n  - id: alpha\n  bank: x\n")
    assert "not valid YAML" in message
    assert "line" in message
    assert "column" in message


def test_a_repeated_key_is_an_error_not_a_silent_override(tmp_path: Path) -> None:
    text = dump_catalog(good()).replace("version: 1", "version: 1\nversion: 1")
    assert "key 'version' appears twice" in problem(tmp_path, text)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"nothing\.yaml: cannot read the catalog"):
        load_catalog(tmp_path / "nothing.yaml")


def test_an_illustrative_plan_must_say_so_in_its_name(tmp_path: Path) -> None:
    data = good()
    data["plans"][0]["prices"] = data["plans"][0]["prices"] | {"basis": "illustrative"}
    assert "plan 'alpha': (the entry): an illustrative plan must say so" in problem(tmp_path, data)


def test_decimals_in_yaml_stay_exact(tmp_path: Path) -> None:
    text = dump_catalog(good()).replace("'175.00'", "175.10")
    catalog = load_catalog(write(tmp_path, text))
    assert str(catalog.plans[0].annual_storage_fee) == "175.10"


def test_bankcalc_plans_selects_another_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, good())
    monkeypatch.setenv("BANKCALC_PLANS", str(path))
    assert catalog_path() == path
    assert load_catalog().plan("beta") is not None
    monkeypatch.delenv("BANKCALC_PLANS")
    assert catalog_path() == default_plans_path()


def test_the_shipped_catalog_is_valid_and_sourced() -> None:
    catalog = load_catalog(default_plans_path())
    banks = {plan.bank for plan in catalog.plans}
    assert "americord" in banks
    assert len(banks) >= 3  # Americord and at least two other banks
    for plan in catalog.plans:
        assert plan.prices.source
        assert plan.prices.dated
    processing = sorted(
        fee.amount
        for plan in catalog.plans
        if plan.bank == "americord"
        for fee in plan.one_time_fees
        if fee.kind == "processing" and fee.amount is not None
    )
    # the seed's quoted range: processing $1,500 to $3,000
    assert processing[0] == 1500
    assert processing[-1] == 3000
    assert any(
        option.kind == "lifetime" and option.length == 78 * 12
        for plan in catalog.plans
        for option in plan.payment_options
    )
    assert any(plan.guarantee == 110000 for plan in catalog.plans)


def test_the_shipped_catalog_invents_no_amount() -> None:
    """Every amount is published, or it is null, or its source and name say illustrative."""
    catalog = load_catalog(default_plans_path())
    for plan in catalog.plans:
        for fee in plan.one_time_fees:
            if fee.amount is not None and plan.fee_source(fee).basis.value == "illustrative":
                assert "illustrative" in f"{plan.name} {fee.name}".lower()
        for option in plan.payment_options:
            basis = plan.prices_for(option.id).basis.value
            if basis == "illustrative" or plan.prices.basis.value == "illustrative":
                assert "illustrative" in f"{plan.name} {option.name}".lower()
    # the kit and shipping fee Americord charges without publishing it: named, not $150
    kits = [
        fee
        for plan in catalog.plans
        if plan.bank == "americord"
        for fee in plan.one_time_fees
        if fee.kind == "courier_kit"
    ]
    assert kits
    assert all(fee.amount is None for fee in kits)


def test_the_shipped_catalog_reads_americord_package_prices_one_way() -> None:
    """A priced Americord package includes processing, in every tier."""
    catalog = load_catalog(default_plans_path())
    for plan in catalog.plans:
        if plan.bank != "americord":
            continue
        for option in plan.payment_options:
            price = getattr(option, "price", None)
            if price is not None:
                assert "processing" in option.includes_fees  # type: ignore[union-attr]


def test_every_shipped_source_can_be_found_outside_the_project() -> None:
    text = default_plans_path().read_text(encoding="utf-8")
    assert "research brief" not in text
    catalog = load_catalog(default_plans_path())
    for _, _, source in catalog.sources():
        assert len(source.source.en) > 20  # a title and a publisher, not a nickname


@pytest.mark.parametrize("kind", sorted(BAD_CATALOGS))
def test_every_kind_of_bad_file_is_one_catalog_error(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "plans.yaml"
    expected = write_bad(path, kind)
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert len(message) < 2_000  # a message, not a dump of the file


def test_a_file_too_big_to_be_a_catalog_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "plans.yaml"
    path.write_bytes(b"# " + b"x" * MAX_CATALOG_BYTES)
    with pytest.raises(CatalogError, match="larger than 2 MiB"):
        load_catalog(path)


def test_a_directory_is_not_a_catalog(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="cannot read the catalog"):
        load_catalog(tmp_path)
