"""The timeline: from a due date to the dates that matter, for private banking and for
public donation, each with whose advice it is.

Pure: `today` is passed in, never read from the clock. A due date is the day pregnancy
reaches 40 weeks (280 days); week w + d days of pregnancy falls on due - 280 + 7w + d.
A date that has passed is worded as what to do now, never as a verdict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

PREGNANCY_DAYS = 280  # 40 weeks
MAX_DAYS_AHEAD = 42 * 7  # a due date further ahead than 42 weeks cannot be a current pregnancy
SECOND_TRIMESTER_ENDS = 27 * 7 + 6  # the last day of week 27 + 6 days, counted from week 0
WEEK_28 = 28 * 7
WEEK_34 = 34 * 7
KIT_LEAD_DAYS = 6 * 7

AMERICORD_MS = 'Americord Registry, "Future of MS Treatment with Stem Cells" (bank\'s own article)'
AMERICORD_QUESTIONS = (
    'Americord Registry, "Questions to Ask About Cord Blood Collection" (bank\'s own article)'
)
CLAMPING = (
    "Parent's Guide to Cord Blood Foundation; Cord Blood Association, statement on delayed"
    " cord clamping (2021); ACOG Committee Opinion No. 771 (2019)"
)
NMDP = 'NMDP (formerly Be The Match), "How to donate cord blood"'
PARENTS_GUIDE_DONATE = (
    'Parent\'s Guide to Cord Blood Foundation, "Who is able to donate cord blood?"; NMDP,'
    ' "Learn if you can donate cord blood"'
)


class DueDateError(ValueError):
    """A due date no timeline can be built from; the message is written for people."""


class Track(StrEnum):
    PRIVATE = "private"  # banking with a family bank, for a fee
    PUBLIC = "public"  # donating to a public bank, free


class When(StrEnum):
    BY = "by"  # a deadline
    FROM = "from"  # a window that opens
    ON = "on"  # an event, such as the birth


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    track: Track
    when: When
    title: str
    date: dt.date
    detail: str
    advice: str  # whose advice the date is, by title and publisher
    passed: bool  # today is after `date`
    days_left: int  # days from today to `date`; negative once passed
    now: str  # for a deadline that has passed: what to do now; else ""


@dataclass(frozen=True, slots=True)
class Timeline:
    due_date: dt.date
    today: dt.date
    gestational_days: int  # days of pregnancy reached today (280 on the due date)
    steps: tuple[Step, ...]  # in date order; private banking first on the same day

    @property
    def gestational_age(self) -> str | None:
        """'24 weeks 3 days' (today's stage of pregnancy, from the due date); None when the
        due date is more than 40 weeks away, before the pregnancy's counted first day."""
        if self.gestational_days < 0:
            return None
        weeks, days = divmod(self.gestational_days, 7)
        return f"{weeks} weeks {days} days"

    def track(self, track: Track) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.track is track)


def enrollment_timeline(due_date: dt.date, today: dt.date) -> Timeline:
    """The dates for private banking and public donation, each marked passed or not."""
    _check(due_date, today)
    start = due_date - dt.timedelta(days=PREGNANCY_DAYS)

    def week(days: int) -> dt.date:
        return start + dt.timedelta(days=days)

    kit_by = due_date - dt.timedelta(days=KIT_LEAD_DAYS)
    steps = [
        _step(today, "enroll", Track.PRIVATE, When.BY, week(SECOND_TRIMESTER_ENDS), *_ENROLL),
        _step(today, "decide", Track.PRIVATE, When.BY, week(WEEK_34), *_DECIDE),
        _step(today, "kit", Track.PRIVATE, When.BY, kit_by, *_KIT),
        _step(today, "collection", Track.PRIVATE, When.ON, due_date, *_COLLECTION),
        _step(today, "public-check", Track.PUBLIC, When.FROM, week(WEEK_28), *_PUBLIC_CHECK),
        _step(today, "public-register", Track.PUBLIC, When.BY, week(WEEK_34), *_PUBLIC_REGISTER),
        _step(today, "public-birth", Track.PUBLIC, When.ON, due_date, *_PUBLIC_BIRTH),
    ]
    order = {Track.PRIVATE: 0, Track.PUBLIC: 1}
    steps.sort(key=lambda step: (step.date, order[step.track]))
    return Timeline(due_date, today, (today - start).days, tuple(steps))


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


def _step(
    today: dt.date,
    key: str,
    track: Track,
    when: When,
    date: dt.date,
    title: str,
    detail: str,
    advice: str,
    if_passed: str,
) -> Step:
    days_left = (date - today).days
    passed = days_left < 0
    now = if_passed if passed and when is When.BY else ""
    return Step(key, track, when, title, date, detail, advice, passed, days_left, now)


_ASK_THE_BANK = "Ask the bank whether it still enrolls; many do, sometimes with a rush fee."
_ENROLL = (
    "Enroll with a bank in the second trimester",
    "One bank's article says to enroll during the second trimester (by the end of week 27).",
    AMERICORD_MS,
    _ASK_THE_BANK,
)
_DECIDE = (
    "Have everything settled with the bank before week 34",
    "The same bank's checklist says to decide between weeks 28 and 34 of pregnancy and to have"
    " everything settled before the 34-week mark.",
    AMERICORD_QUESTIONS,
    _ASK_THE_BANK,
)
_KIT = (
    "Have the collection kit at home",
    "The bank's article says to have the kit at least six weeks before the due date and"
    " attributes this to ACOG; bankcalc found no ACOG text that says so.",
    AMERICORD_MS,
    "Ask the bank how quickly it can ship a kit, and take the kit to the hospital with you.",
)
_COLLECTION = (
    "Collection at birth",
    "The cord blood is collected after the baby is born and the cord is clamped; it takes 5 to"
    " 10 minutes. Delayed cord clamping of 30 to 60 seconds is compatible with collection but"
    " reduces the volume that can be collected. Collection should not change the care of"
    " mother and baby or when the cord is clamped. The date is the due date; the baby may come"
    " earlier or later.",
    CLAMPING,
    "",
)
_PUBLIC_CHECK = (
    "From week 28: check whether your hospital takes donations",
    "Donating to a public bank is free, but only possible at a hospital that works with a"
    " public bank: check NMDP's list of participating hospitals and talk to your doctor or"
    " midwife. If your hospital is not on the list, you cannot donate there.",
    NMDP,
    "",
)
_PUBLIC_REGISTER = (
    "Register to donate by about week 34",
    "Most donation programs ask the mother to register in advance, typically by week 34. The"
    " public bank then checks that you can donate, for example that you are 18 or older.",
    PARENTS_GUIDE_DONATE,
    "Ask the public bank that works with your hospital whether you can still register.",
)
_PUBLIC_BIRTH = (
    "Donation at birth",
    "The hospital collects the cord blood for the public bank at no cost to you. A donated unit"
    " is listed for any patient who matches; it is not kept for your family.",
    NMDP,
    "",
)
