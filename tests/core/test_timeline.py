"""The enrollment timeline from a due date; every date below is counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcalc.core.timeline import DueDateError, Track, When, enrollment_timeline

DUE = dt.date(2027, 6, 1)
# Pregnancy day 0 = DUE - 280 days = 2026-08-25:
#   Aug 26-31 (6) + Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 31 + Apr 30
#   + May 31 + Jun 1 (1) = 280.
# Enroll by week 27 + 6 days = day 195 = DUE - 85 days = 2027-03-08:
#   Mar 9-31 (23) + Apr 30 + May 31 + Jun 1 (1) = 85.
# Kit in hand 6 weeks before = DUE - 42 days = 2027-04-20: Apr 21-30 (10) + May 31 + 1 = 42.
# Week 28 starts on day 196 = DUE - 84 days = 2027-03-09 (the day after ENROLL_BY).
# Week 34 starts on day 238 = DUE - 42 days = 2027-04-20, the same day as the kit deadline.
ENROLL_BY = dt.date(2027, 3, 8)
WEEK_28 = dt.date(2027, 3, 9)
WEEK_34 = dt.date(2027, 4, 20)
KIT_BY = dt.date(2027, 4, 20)


def dates(today: dt.date) -> dict[str, dt.date]:
    return {step.key: step.date for step in enrollment_timeline(DUE, today).steps}


def passed(today: dt.date) -> set[str]:
    return {step.key for step in enrollment_timeline(DUE, today).steps if step.passed}


def test_each_step_falls_on_its_hand_counted_date() -> None:
    assert dates(dt.date(2026, 12, 1)) == {
        "public-check": WEEK_28,
        "public-register": WEEK_34,
        "public-birth": DUE,
        "decide": WEEK_34,
        "kit": KIT_BY,
        "collection": DUE,
    }


def test_each_date_says_whose_advice_it_is() -> None:
    steps = {s.key: s for s in enrollment_timeline(DUE, dt.date(2026, 12, 1)).steps}
    decide = steps["decide"]
    # one bank's two pieces of advice, both with their dates, in one step: week 34 and
    # the end of the second trimester (March 8, 2027)
    assert "between weeks 28 and 34" in decide.detail
    assert "second trimester (by March 8, 2027)" in decide.detail
    assert "Ask your bank for its own deadline." in decide.detail
    assert "Questions to Ask About Cord Blood Collection" in decide.advice
    assert "Future of MS Treatment with Stem Cells" in decide.advice
    assert "attributes this to ACOG; bankcalc found no ACOG text" in steps["kit"].detail
    assert "NMDP" in steps["public-check"].advice
    assert "Parent's Guide to Cord Blood Foundation" in steps["public-register"].advice


def test_public_donation_is_its_own_track_and_comes_first() -> None:
    timeline = enrollment_timeline(DUE, dt.date(2026, 12, 1))
    public = [step.key for step in timeline.track(Track.PUBLIC)]
    assert public == ["public-check", "public-register", "public-birth"]
    check = timeline.track(Track.PUBLIC)[0]
    assert check.when is When.FROM
    assert "participating hospitals" in check.detail
    assert "18 or older" in timeline.track(Track.PUBLIC)[1].detail
    # on the same day (week 34), the free route is listed before the bank's deadline
    same_day = [s.key for s in timeline.steps if s.date == WEEK_34]
    assert same_day == ["public-register", "decide", "kit"]


def test_nothing_has_passed_early_in_pregnancy() -> None:
    timeline = enrollment_timeline(DUE, dt.date(2026, 12, 1))
    assert not any(step.passed or step.open for step in timeline.steps)
    # Dec 2-31 (30) + Jan 31 + Feb 28 + Mar 1-9 (9) = 98 days until week 28.
    assert timeline.steps[0].days_left == 98
    # Aug 26-31 (6) + Sep 30 + Oct 31 + Nov 30 + Dec 1 (1) = 98 days = 14 weeks 0 days.
    assert timeline.gestational_days == 98
    assert timeline.gestational_age == "14 weeks 0 days"


def test_the_deadline_day_itself_has_not_passed() -> None:
    assert passed(WEEK_34) == set()


def test_at_33_weeks_the_public_window_is_open_and_nothing_has_passed() -> None:
    # 33 weeks 0 days = day 231 = DUE - 49 days = 2027-04-13
    timeline = enrollment_timeline(DUE, dt.date(2027, 4, 13))
    assert timeline.gestational_age == "33 weeks 0 days"
    assert passed(dt.date(2027, 4, 13)) == set()
    check = next(step for step in timeline.steps if step.key == "public-check")
    # week 28 opened a window, not a deadline: open, never "passed", with what to do now
    assert (check.passed, check.open) == (False, True)
    assert check.now.startswith("Ask your doctor or midwife now")
    for step in timeline.steps:
        words = f"{step.title} {step.now}".lower().split()
        assert "late" not in words
        assert "late:" not in words


def test_after_week_34_a_passed_deadline_says_what_to_do_now() -> None:
    timeline = enrollment_timeline(DUE, dt.date(2027, 4, 21))
    assert passed(dt.date(2027, 4, 21)) == {"decide", "kit", "public-register"}
    decide = next(step for step in timeline.steps if step.key == "decide")
    assert decide.days_left == -1
    assert decide.now == (
        "Ask the bank whether it can still enroll you, and whether that costs extra."
    )


def test_a_due_date_of_today_is_accepted() -> None:
    timeline = enrollment_timeline(DUE, DUE)
    assert timeline.steps[-1].days_left == 0
    assert not timeline.steps[-1].passed
    assert timeline.gestational_age == "40 weeks 0 days"


def test_collection_says_how_long_and_that_delayed_clamping_reduces_the_volume() -> None:
    steps = enrollment_timeline(DUE, dt.date(2026, 12, 1)).steps
    collection = next(s for s in steps if s.key == "collection")
    assert "a few minutes (the bank says 5 to 10)" in collection.detail
    assert "30 to 60 seconds is compatible with collection but reduces the volume" in (
        collection.detail
    )


def test_a_known_need_changes_the_advice_before_any_date() -> None:
    timeline = enrollment_timeline(DUE, dt.date(2026, 12, 1), known_need="sibling")
    assert "contact a directed-donation bank and the family member's transplant team now" in (
        timeline.advice
    )
    collection = next(s for s in timeline.steps if s.key == "collection")
    assert "delayed clamping may not be advised" in collection.detail
    assert enrollment_timeline(DUE, dt.date(2026, 12, 1)).advice == ""


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
def test_steps_are_chronological_and_passed_only_before_today(today: dt.date, ahead: int) -> None:
    timeline = enrollment_timeline(today + dt.timedelta(days=ahead), today)
    days = [step.date for step in timeline.steps]
    assert days == sorted(days)
    for track in Track:
        own = [step.date for step in timeline.track(track)]
        assert len(set(own)) == len(own) or track is Track.PRIVATE  # kit and week 34 coincide
    for step in timeline.steps:
        window = step.when is When.FROM
        assert step.passed == (step.date < today and not window)
        assert step.open == (step.date <= today and window)
        assert step.days_left == (step.date - today).days
        assert bool(step.now) == ((step.passed and step.when is When.BY) or step.open)
    flags = [step.date < today for step in timeline.steps]
    assert flags == sorted(flags, reverse=True)  # past dates come first, then the rest


def test_a_due_date_over_40_weeks_away_has_no_stage_of_pregnancy_yet() -> None:
    # 41 weeks ahead is allowed (up to 42) but is before the pregnancy's counted first day
    today = dt.date(2026, 11, 25)
    timeline = enrollment_timeline(today + dt.timedelta(weeks=41), today)
    assert timeline.gestational_days == -7  # 280 - 287
    assert timeline.gestational_age is None
