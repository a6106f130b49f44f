"""The command line: quote, plans, check-config; errors are one line on stderr, exit 2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bad_catalogs import BAD_CATALOGS, write_bad
from bankcalc.cli import main
from builders import catalog_data, dump_catalog, plan_data, prepaid


@pytest.fixture
def plans_file(tmp_path: Path) -> Path:
    path = tmp_path / "plans.yaml"
    data = catalog_data([plan_data("alpha", processing="1000.00", annual="100.00")])
    path.write_text(dump_catalog(data), encoding="utf-8")
    return path


def test_quote_prints_totals_and_the_yearly_table(
    plans_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--plans", str(plans_file), "quote", "--plan", "alpha", "--years", "3"])
    out = capsys.readouterr().out
    assert code == 0
    # 1000 + 3 x 100 = 1300; per year 1300 / 3 = 433.33
    assert "Total over 3 years: $1,300.00" in out
    assert "Per year:       $433.33" in out
    assert "   3   2         $0.00       $100.00" in out  # year 3, age 2, storage only


def test_quote_with_escalation_in_percent(
    plans_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--plans", str(plans_file), "quote", "--plan", "alpha", "--years", "24 months"]
    assert main([*args, "--escalation", "10%"]) == 0
    # 1000 + 100 + 110 = 1210
    assert "Total over 2 years: $1,210.00" in capsys.readouterr().out


def test_unknown_plan_is_one_line_on_stderr(
    plans_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--plans", str(plans_file), "quote", "--plan", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "bankcalc: --plan: no plan with id 'nope' in the catalog"


def test_wrong_unit_names_the_flag(plans_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--plans", str(plans_file), "quote", "--plan", "alpha", "--years", "20 USD"]
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("bankcalc: --years: expected a duration")


def test_plans_lists_plans_and_options(
    plans_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--plans", str(plans_file), "plans"]) == 0
    out = capsys.readouterr().out
    assert "alpha  Plan alpha" in out
    assert "yearly" in out


def test_check_config_accepts_a_good_file(
    plans_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-config", str(plans_file)]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 banks, 1 plans")


def test_check_config_rejects_a_bad_file_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("plans: [\n", encoding="utf-8")
    assert main(["check-config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: not valid YAML" in err
    assert "Traceback" not in err


def test_timeline_prints_the_dates_from_the_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--due", "2027-05-01", "--today", "2027-03-01"]) == 0
    out = capsys.readouterr().out
    # week 28 = 84 days before May 1: Saturday February 6, a window open on March 1
    assert "from Saturday, February 6, 2027   (open now) From week 28" in out
    assert "Now: Ask your doctor or midwife now whether your hospital collects donations" in out
    assert "LATE" not in out
    # kit 42 days before: Saturday March 20, not yet passed
    assert "by Saturday, March 20, 2027     Have the collection kit at home" in out
    assert out.index("Public donation (free):") < out.index("Private banking:")


def test_timeline_refuses_a_past_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--due", "2027-01-01", "--today", "2027-03-01"]) == 2
    assert capsys.readouterr().err.startswith("bankcalc: --due: The due date 2027-01-01")


def test_quote_prints_each_claim_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    # the shipped catalog: its claims are what a family would see
    assert main(["quote", "--plan", "americord-essential", "--years", "20"]) == 0
    out = capsys.readouterr().out
    assert "What the quoted odds mean for this plan:" in out
    assert "The quoted 1 in 217 is by age 70" in out
    assert out.count("Source: ") >= 5
    assert "Caveat: " in out


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "verdicts.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    return path


def test_the_cli_keeps_illustrative_prices_out_of_the_verdict_and_names_unpublished_fees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made_up = {"as_of": "2026-11-20", "source": "bankcalc's reading", "basis": "illustrative"}
    package = prepaid("20 years", "1000.00", includes_fees=["processing"])
    package |= {"name": "Package (illustrative)", "source": made_up}
    data = plan_data("gamma", options=[{"id": "yearly", "kind": "yearly", "name": "Y"}, package])
    data["one_time_fees"].append({"name": "Kit", "kind": "courier_kit", "amount": None})
    path = _write(tmp_path, catalog_data([data]))
    assert main(["--plans", str(path), "quote", "--plan", "gamma", "--years", "20"]) == 0
    out = capsys.readouterr().out
    # yearly: 1500 + 20 x 175 = 5,000, plus the kit; the package (1,000) is not ranked
    assert "Total over 20 years: $5,000.00 (plus kit, amount not published)" in out
    assert "not ranked: the 20-year prepaid price is illustrative" in out
    assert "<- the only ranked way to pay" in out


def test_check_config_warns_about_out_of_date_prices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = plan_data("old")
    data["prices"] = {"as_of": "2008-08-04", "source": "a 2008 report", "basis": "third_party"}
    path = _write(tmp_path, catalog_data([data]))
    assert main(["check-config", str(path)]) == 0
    captured = capsys.readouterr()
    assert "warning: plan 'old': prices: may be out of date (prices from 2008;" in captured.err
    assert captured.out.startswith("ok:")


def test_check_config_warns_about_out_of_date_contract_terms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = catalog_data([plan_data("alpha")])
    today = dt.datetime.now().astimezone().date()  # what check-config judges by
    recent = (today - dt.timedelta(days=30)).isoformat()
    dated = {"as_of": recent, "source": "the bank's agreement", "basis": "quoted"}
    old = {"as_of": "2013-02-14", "source": "the bank's 2013 agreement", "basis": "quoted"}
    data["banks"][0]["contract_terms"] = {
        "closure": {"says": "Units move to another bank.", "source": old},
        "discounts": {"says": "Ten percent off for military families.", "source": dated},
    }
    path = _write(tmp_path, data)
    assert main(["check-config", str(path)]) == 0
    err = capsys.readouterr().err
    # 2013 is older than the default 24 months before today; a month ago is not
    assert "contract_terms.closure.source: may be out of date (published February 14, 2013;" in err
    assert "discounts" not in err


def test_the_cli_says_twins_are_siblings_and_gives_the_population_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the shipped claims: what a family would read
    args = ["quote", "--plan", "cbr-cord-blood", "--years", "20", "--children", "2"]
    assert main([*args, "--siblings", "0"]) == 0
    out = capsys.readouterr().out
    assert "no sibling match is possible" not in out
    assert "babies born together are full siblings of each other" in out
    assert "(A population figure: what all banking families together pay" in out


def test_the_cli_promises_no_fsa_saving_without_a_known_need(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["quote", "--plan", "cbr-cord-blood", "--years", "78", "--tax-rate", "24%"]) == 0
    out = capsys.readouterr().out
    assert "$7,822.80" not in out  # the saving promised before: 32,595 x 0.24
    assert "Usually not eligible." in out
    assert "Information Letter 2010-0017" in out


# ---- a bank's offer from a file ------------------------------------------------------------

OFFER = """\
bank_name: Acme Cord
stores: [cord_blood]
one_time_fees:
  - {name: Enrollment, kind: enrollment, amount: 250.00, shared_by_multiples: true}
  - {name: Processing, kind: processing, amount: 1200.00}
annual_storage_fee: 150.00
first_year_included: true
payment_options:
  - {id: yearly, kind: yearly, name: Pay storage yearly}
  - {id: prepaid-18, kind: prepaid, name: 18 years prepaid, term: 18 years, price: 2000.00}
contract_terms:
  cancellation:
    says: Cancelling before collection costs $100.
    fee: 100.00
    source: {read_on: 2026-11-20, source: "Acme's enrollment form", basis: quoted}
"""


def test_quote_prices_a_plan_file_and_says_whose_figures_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offer = tmp_path / "offer.yaml"
    offer.write_text(OFFER, encoding="utf-8")
    assert main(["quote", "--plan-file", str(offer), "--years", "20"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Acme Cord: the offer you entered: Pay storage yearly\n")
    assert "bankcalc has not checked them" in out
    # 250 + 1200 at birth, years 2-20 at 150 (the first is in processing): 1450 + 2850
    assert "Total over 20 years: $4,300.00" in out
    # prepaid: 1450 + 2000, then years 19-20 at 150: 3750; counted as quoted, so ranked
    assert (
        "prepaid-18          $3,750.00  over 20 years; beats yearly from year 15  <- cheapest"
        in out
    )
    assert "Your own figures, not checked by bankcalc, entered on" in out
    # the cancellation fee is a "what if", beside the total
    assert (
        "What if:        If you cancel before the cord blood is collected, you pay $100.00," in out
    )
    assert "- Cancelling, and refunds: Cancelling before collection costs $100." in out
    assert "What to ask the bank:" in out
    assert (
        "- Enrollment fee: “Is the enrollment fee charged once per family, or for each birth?”"
        in out
    )


def test_a_bad_plan_file_names_the_file_and_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offer = tmp_path / "offer.yaml"
    offer.write_text(OFFER.replace("price: 2000.00", "price: -3"), encoding="utf-8")
    assert main(["quote", "--plan-file", str(offer)]) == 2
    err = capsys.readouterr().err
    assert f"bankcalc: {offer}: 1 problem(s) in the plan" in err
    assert "  payment_options[1].price: Input should be greater than or equal to 0" in err
    offer.write_text("- just a list\n", encoding="utf-8")
    assert main(["quote", "--plan-file", str(offer)]) == 2
    assert "expected one plan" in capsys.readouterr().err
    assert main(["quote", "--plan-file", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml: cannot read the plan" in capsys.readouterr().err


def test_a_plan_id_and_a_plan_file_cannot_both_be_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["quote", "--plan", "alpha", "--plan-file", "offer.yaml"])
    assert stopped.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_quote_lists_the_catalogs_contract_terms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quote", "--plan", "americord-essential", "--years", "20"]) == 0
    out = capsys.readouterr().out
    assert "What the contract says:" in out
    assert "- Releasing the unit for a transplant: The bank's storage agreement counts" in out
    assert 'Source: Americord Registry, "Stem Cell Storage Agreement"' in out
    # the release fee is named without an amount: a question, never a number
    assert (
        "What if:        If a unit is ever released for a transplant, the contract mentions a"
        " release fee whose amount is not published" in out
    )


@pytest.mark.parametrize("kind", sorted(BAD_CATALOGS))
def test_check_config_gives_one_message_and_exit_2_for_every_kind_of_bad_file(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "plans.yaml"
    expected = write_bad(bad, kind)
    assert main(["check-config", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"bankcalc: {bad}: ")
    assert expected in captured.err
    assert "Traceback" not in captured.err
