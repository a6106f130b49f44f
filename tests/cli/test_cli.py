"""The command line: quote, plans, check-config; errors are one line on stderr, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bad_catalogs import BAD_CATALOGS, write_bad
from bankcalc.cli import main
from builders import catalog_data, plan_data


@pytest.fixture
def plans_file(tmp_path: Path) -> Path:
    path = tmp_path / "plans.yaml"
    data = catalog_data([plan_data("alpha", processing="1000.00", annual="100.00")])
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_quote_prints_totals_and_the_yearly_table(
    plans_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--plans", str(plans_file), "quote", "--plan", "alpha", "--years", "3"])
    out = capsys.readouterr().out
    assert code == 0
    # 1000 + 3 x 100 = 1300; per year 1300 / 3 = 433.33
    assert "Total:          $1,300.00" in out
    assert "Per year:       $433.33" in out
    assert "   3   2         $0.00       $100.00" in out  # year 3, age 2, storage only


def test_quote_with_escalation_in_percent(
    plans_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--plans", str(plans_file), "quote", "--plan", "alpha", "--years", "24 months"]
    assert main([*args, "--escalation", "10%"]) == 0
    # 1000 + 100 + 110 = 1210
    assert "Total:          $1,210.00" in capsys.readouterr().out


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
    # enroll by 85 days (12 weeks 1 day) before May 1: Friday February 5, already past on March 1
    assert "Friday, February 5, 2027     LATE: Enroll with the bank" in out
    # kit 42 days before: Saturday March 20, not yet late
    assert "Saturday, March 20, 2027     Have the collection kit at home" in out


def test_timeline_refuses_a_past_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--due", "2027-01-01", "--today", "2027-03-01"]) == 2
    assert capsys.readouterr().err.startswith("bankcalc: --due: The due date 2027-01-01")


def test_quote_prints_each_claim_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    # the shipped catalog: its claims are what a family would see
    assert main(["quote", "--plan", "americord-essential", "--years", "20"]) == 0
    out = capsys.readouterr().out
    assert "What the quoted odds mean for this plan:" in out
    assert "the quoted 1 in 217 is by age 70" in out
    assert out.count("Source: ") >= 5
    assert "Caveat: " in out


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
