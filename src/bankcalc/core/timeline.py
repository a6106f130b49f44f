"""The enrollment timeline: from a due date to the dates a family must act by.

Pure: `today` is passed in, never read from the clock. A due date is the day pregnancy
reaches 40 weeks (280 days); week w + d days of pregnancy falls on due - 280 + 7w + d.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PREGNANCY_DAYS = 280  # 40 weeks
MAX_DAYS_AHEAD = 42 * 7  # a due date further ahead than 42 weeks cannot be a current pregnancy
SECOND_TRIMESTER_ENDS = 27 * 7 + 6  # the last day of week 27 + 6 days, counted from week 0
KIT_LEAD_DAYS = 6 * 7

_TIMING_SOURCE = (
    'Timing as given in Americord Registry\'s article "Future of MS Treatment with Stem Cells"'
    " (bank's own article, undated); it attributes the 6-week kit lead time to ACOG"
)


class DueDateError(ValueError):
    """A due date no timeline can be built from; the message is written for people."""


@dataclass(frozen=True, slots=True)
class Step:
    key: str  # "enroll", "kit", "collection"
    title: str
    date: dt.date  # the deadline, or the expected day for the collection
    detail: str
    source: str
    late: bool  # today is after `date`
    days_left: int  # days from today to `date`; negative when late


@dataclass(frozen=True, slots=True)
class Timeline:
    due_date: dt.date
    today: dt.date
    gestational_days: int  # days of pregnancy reached today (280 on the due date)
    steps: tuple[Step, ...]  # chronological

    @property
    def gestational_age(self) -> str | None:
        """'24 weeks 3 days' (today's stage of pregnancy, from the due date); None when the
        due date is more than 40 weeks away, before the pregnancy's counted first day."""
        if self.gestational_days < 0:
            return None
        weeks, days = divmod(self.gestational_days, 7)
        return f"{weeks} weeks {days} days"


def enrollment_timeline(due_date: dt.date, today: dt.date) -> Timeline:
    """Enroll, kit and collection dates from a due date, each marked late or not for `today`."""
    _check(due_date, today)
    start = due_date - dt.timedelta(days=PREGNANCY_DAYS)
    enroll_by = start + dt.timedelta(days=SECOND_TRIMESTER_ENDS)
    kit_by = due_date - dt.timedelta(days=KIT_LEAD_DAYS)
    steps = (
        _step(today, "enroll", "Enroll with the bank", enroll_by, _ENROLL, _ENROLL_LATE),
        _step(today, "kit", "Have the collection kit at home", kit_by, _KIT, _KIT_LATE),
        _step(today, "collection", "Collection at birth", due_date, _COLLECTION, ""),
    )
    return Timeline(due_date, today, (today - start).days, steps)


def _check(due_date: dt.date, today: dt.date) -> None:
    if due_date < today:
        raise DueDateError(
            f"The due date {due_date.isoformat()} is before today ({today.isoformat()}):"
            " please enter the expected date of birth."
        )
    if (due_date - today).days > MAX_DAYS_AHEAD:
        raise DueDateError(
            f"The due date {due_date.isoformat()} is more than 42 weeks after today"
            f" ({today.isoformat()}): please check the year."
        )


def _step(today: dt.date, key: str, title: str, date: dt.date, detail: str, late: str) -> Step:
    days_left = (date - today).days
    is_late = days_left < 0
    text = f"{detail} {late}" if is_late and late else detail
    return Step(key, title, date, text, _TIMING_SOURCE, is_late, days_left)


_ENROLL = "Enroll by the end of the second trimester (week 27 + 6 days)."
_ENROLL_LATE = (
    "That date has passed: ask the bank whether it can still enroll you and ship a kit"
    " before the birth."
)
_KIT = "Have the collection kit in hand at least 6 weeks before the due date."
_KIT_LATE = "That date has passed: ask the bank how quickly it can ship a kit."
_COLLECTION = (
    "The cord blood is collected after the baby is born and the cord is cut; it takes"
    " 5 to 10 minutes and is compatible with delayed cord clamping of 30 to 60 seconds."
    " Ask that collection not change when the cord is clamped (ACOG Committee Opinion 771)."
    " The date is the due date; the baby may come earlier or later."
)
