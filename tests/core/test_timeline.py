"""The enrollment timeline from a due date; every date below is counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcalc.core.timeline import DueDateError, enrollment_timeline

DUE = dt.date(2027, 6, 1)
# Pregnancy day 0 = DUE - 280 days = 2026-08-25:
#   Aug 26-31 (6) + Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 31 + Apr 30
#   + May 31 + Jun 1 (1) = 280.
# Enroll by week 27 + 6 days = day 195 = DUE - 85 days = 2027-03-08:
#   Mar 9-31 (23) + Apr 30 + May 31 + Jun 1 (1) = 85.
# Kit in hand 6 weeks before = DUE - 42 days = 2027-04-20: Apr 21-30 (10) + May 31 + 1 = 42.
ENROLL_BY = dt.date(2027, 3, 8)
KIT_BY = dt.date(2027, 4, 20)


def dates(today: dt.date) -> dict[str, dt.date]:
    return {step.key: step.date for step in enrollment_timeline(DUE, today).steps}


def late(today: dt.date) -> dict[str, bool]:
    return {step.key: step.late for step in enrollment_timeline(DUE, today).steps}


def test_each_step_falls_on_its_hand_counted_date() -> None:
    assert dates(dt.date(2026, 12, 1)) == {
        "enroll": ENROLL_BY,
        "kit": KIT_BY,
        "collection": DUE,
    }


def test_nothing_is_late_early_in_pregnancy() -> None:
    timeline = enrollment_timeline(DUE, dt.date(2026, 12, 1))
    assert not any(step.late for step in timeline.steps)
    # Dec 2-31 (30) + Jan 31 + Feb 28 + Mar 1-8 (8) = 97 days to enroll.
    assert timeline.steps[0].days_left == 97
    # Aug 26-31 (6) + Sep 30 + Oct 31 + Nov 30 + Dec 1 (1) = 98 days = 14 weeks 0 days.
    assert timeline.gestational_days == 98
    assert timeline.gestational_age == "14 weeks 0 days"


def test_the_deadline_day_itself_is_not_late() -> None:
    assert late(ENROLL_BY) == {"enroll": False, "kit": False, "collection": False}


def test_the_day_after_the_second_trimester_enrollment_is_late() -> None:
    timeline = enrollment_timeline(DUE, dt.date(2027, 3, 9))
    enroll = timeline.steps[0]
    assert (enroll.late, enroll.days_left) == (True, -1)
    assert "ask the bank" in enroll.detail
    assert not timeline.steps[1].late


def test_after_the_kit_deadline_both_first_steps_are_late() -> None:
    assert late(dt.date(2027, 4, 21)) == {"enroll": True, "kit": True, "collection": False}


def test_a_due_date_of_today_is_accepted() -> None:
    timeline = enrollment_timeline(DUE, DUE)
    assert timeline.steps[-1].days_left == 0
    assert not timeline.steps[-1].late
    assert timeline.gestational_age == "40 weeks 0 days"


def test_collection_says_how_long_and_that_it_fits_delayed_clamping() -> None:
    collection = enrollment_timeline(DUE, dt.date(2026, 12, 1)).steps[-1]
    assert "5 to 10 minutes" in collection.detail
    assert "30 to 60 seconds" in collection.detail


def test_a_due_date_in_the_past_is_a_clear_error() -> None:
    with pytest.raises(DueDateError, match="before today"):
        enrollment_timeline(dt.date(2026, 11, 30), dt.date(2026, 12, 1))


def test_a_due_date_more_than_42_weeks_ahead_is_a_clear_error() -> None:
    today = dt.date(2026, 1, 1)
    # 42 weeks = 294 days: 2026-01-01 + 294 days = 2026-10-22 (Jan 30 + Feb 28 + Mar 31
    # + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 22 = 294).
    enrollment_timeline(dt.date(2026, 10, 22), today)
    with pytest.raises(DueDateError, match="more than 42 weeks"):
        enrollment_timeline(dt.date(2026, 10, 23), today)


def test_the_error_is_a_value_error_for_callers_that_catch_those() -> None:
    assert issubclass(DueDateError, ValueError)


@settings(max_examples=300)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), st.integers(0, 294))
def test_steps_are_chronological_and_late_only_before_today(today: dt.date, ahead: int) -> None:
    timeline = enrollment_timeline(today + dt.timedelta(days=ahead), today)
    days = [step.date for step in timeline.steps]
    assert days == sorted(days)
    assert len(set(days)) == len(days)
    for step in timeline.steps:
        assert step.late == (step.date < today)
        assert step.days_left == (step.date - today).days
    flags = [step.late for step in timeline.steps]
    assert flags == sorted(flags, reverse=True)  # late steps come first, then the rest


def test_a_due_date_over_40_weeks_away_has_no_stage_of_pregnancy_yet() -> None:
    # 41 weeks ahead is allowed (up to 42) but is before the pregnancy's counted first day
    today = dt.date(2026, 11, 25)
    timeline = enrollment_timeline(today + dt.timedelta(weeks=41), today)
    assert timeline.gestational_days == -7  # 280 - 287
    assert timeline.gestational_age is None
