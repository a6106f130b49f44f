"""The timeline: from a due date to the dates that matter, for private banking and for
public donation, each with whose advice it is.

Pure: `today` is passed in, never read from the clock. A due date is the day pregnancy
reaches 40 weeks (280 days); week w + d days of pregnancy falls on due - 280 + 7w + d.
A date that has passed is worded as what to do now, never as a verdict. The steps' words are
English constants marked for translation, worded in the current language as each timeline is
built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bankcalc import i18n
from bankcalc.i18n import N_, _, ngettext

PREGNANCY_DAYS = 280  # 40 weeks
MAX_DAYS_AHEAD = 42 * 7  # a due date further ahead than 42 weeks cannot be a current pregnancy
SECOND_TRIMESTER_ENDS = 27 * 7 + 6  # the last day of week 27 + 6 days, counted from week 0
WEEK_28 = 28 * 7
WEEK_34 = 34 * 7
KIT_LEAD_DAYS = 6 * 7

# Whose advice each date is. Titles of English articles stay as published; the words around
# them ("bank's own article") are translated.
AMERICORD_MS = N_(
    'Americord Registry, "Future of MS Treatment with Stem Cells" (bank\'s own article)'
)
AMERICORD_QUESTIONS = N_(
    'Americord Registry, "Questions to Ask About Cord Blood Collection" (bank\'s own article)'
)
CLAMPING = N_(
    "Parent's Guide to Cord Blood Foundation; Cord Blood Association, statement on delayed"
    " cord clamping (2021); ACOG Committee Opinion No. 771 (2019)"
)
NMDP = N_('NMDP (formerly Be The Match), "How to donate cord blood"')
PARENTS_GUIDE_DONATE = N_(
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
    passed: bool  # a deadline or an event: today is after `date`
    open: bool  # a window that opens on `date` (when=from): today is on or after it
    days_left: int  # days from today to `date`; negative once past
    now: str  # what to do now: for a passed deadline, or a window open today; else ""


@dataclass(frozen=True, slots=True)
class Timeline:
    due_date: dt.date
    today: dt.date
    gestational_days: int  # days of pregnancy reached today (280 on the due date)
    steps: tuple[Step, ...]  # in date order; public donation first on the same day
    advice: str  # for a family with a known need: what to do now, before any date

    @property
    def gestational_age(self) -> str | None:
        """'24 weeks 3 days' (today's stage of pregnancy, from the due date); None when the
        due date is more than 40 weeks away, before the pregnancy's counted first day."""
        if self.gestational_days < 0:
            return None
        weeks, days = divmod(self.gestational_days, 7)
        # English has always said "1 weeks", "1 days": kept as it is; Spanish says "1 semana"
        weeks_text = ngettext("{n} weeks", "{n} weeks", weeks).format(n=weeks)
        days_text = ngettext("{n} days", "{n} days", days).format(n=days)
        # TRANSLATORS: a stage of pregnancy, e.g. "24 weeks 3 days".
        return _("{weeks} {days}").format(weeks=weeks_text, days=days_text)

    def track(self, track: Track) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.track is track)


def enrollment_timeline(
    due_date: dt.date, today: dt.date, known_need: str | None = None
) -> Timeline:
    """The dates for public donation and private banking, each marked passed or open."""
    _check(due_date, today)
    start = due_date - dt.timedelta(days=PREGNANCY_DAYS)

    def week(days: int) -> dt.date:
        return start + dt.timedelta(days=days)

    kit_by = due_date - dt.timedelta(days=KIT_LEAD_DAYS)
    second_trimester = week(SECOND_TRIMESTER_ENDS)
    title, detail, _advice, if_passed = _worded(_DECIDE)
    decide = (
        title,
        detail.format(second_trimester=i18n.short_date(second_trimester)),
        f"{_(AMERICORD_QUESTIONS)}; {_(AMERICORD_MS)}",
        if_passed,
    )
    collection = _COLLECTION if known_need is None else _COLLECTION_FOR_A_NEED
    steps = [
        _step(today, "public-check", Track.PUBLIC, When.FROM, week(WEEK_28), _PUBLIC_CHECK),
        _step(today, "public-register", Track.PUBLIC, When.BY, week(WEEK_34), _PUBLIC_REGISTER),
        _step(today, "public-birth", Track.PUBLIC, When.ON, due_date, _PUBLIC_BIRTH),
        _step(today, "decide", Track.PRIVATE, When.BY, week(WEEK_34), decide, worded=True),
        _step(today, "kit", Track.PRIVATE, When.BY, kit_by, _KIT),
        _step(today, "collection", Track.PRIVATE, When.ON, due_date, collection),
    ]
    order = {Track.PUBLIC: 0, Track.PRIVATE: 1}
    steps.sort(key=lambda step: (step.date, order[step.track]))
    advice = "" if known_need is None else _(KNOWN_NEED_ADVICE)
    return Timeline(due_date, today, (today - start).days, tuple(steps), advice)


def _check(due_date: dt.date, today: dt.date) -> None:
    # The dates as they are typed (YYYY-MM-DD), in every language: the message quotes the input.
    if due_date < today:
        message = _(
            "The due date {due_date} is before today ({today}):"
            " please enter the expected date of birth."
        )
        raise DueDateError(message.format(due_date=due_date.isoformat(), today=today.isoformat()))
    if (due_date - today).days > MAX_DAYS_AHEAD:
        message = _(
            "The due date {due_date} is more than 42 weeks after today ({today}):"
            " please check the year."
        )
        raise DueDateError(message.format(due_date=due_date.isoformat(), today=today.isoformat()))


def _step(
    today: dt.date,
    key: str,
    track: Track,
    when: When,
    date: dt.date,
    words: tuple[str, str, str, str],
    *,
    worded: bool = False,
) -> Step:
    """One step; `words` are (title, detail, advice, what to do now once passed or open), the
    English constants below unless already `worded` in the current language."""
    title, detail, advice, if_passed = words if worded else _worded(words)
    days_left = (date - today).days
    window = when is When.FROM
    passed = days_left < 0 and not window
    opened = window and days_left <= 0
    now = if_passed if (passed and when is When.BY) or opened else ""
    return Step(key, track, when, title, date, detail, advice, passed, opened, days_left, now)


def _worded(words: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    """A step's (title, detail, advice, what to do now) in the current language."""
    title, detail, advice, if_passed = words
    return _(title), _(detail), _(advice) if advice else "", _(if_passed) if if_passed else ""


KNOWN_NEED_ADVICE = N_(
    "Because the cord blood is meant for a family member, contact a directed-donation bank and"
    " the family member's transplant team now, not at week 28 (NMDP: as early as possible in"
    " the pregnancy), and talk with your obstetrician about when the cord is clamped: for a"
    " known use, a larger collection may matter more (Cord Blood Association, 2021)."
)
_ASK_THE_BANK = N_("Ask the bank whether it can still enroll you, and whether that costs extra.")
_DECIDE = (
    N_("Decide on a bank and enroll"),
    N_(
        "One bank, Americord, suggests deciding between weeks 28 and 34 of pregnancy and having"
        " everything settled before week 34; its other article says to enroll in the second"
        " trimester (by {second_trimester}). Ask your bank for its own deadline."
    ),
    "",  # AMERICORD_QUESTIONS and AMERICORD_MS, each worded, joined by "; "
    _ASK_THE_BANK,
)
_KIT = (
    N_("Have the collection kit at home"),
    N_(
        "The bank's article says to have the kit at least six weeks before the due date and"
        " attributes this to ACOG; bankcalc found no ACOG text that says so."
    ),
    AMERICORD_MS,
    N_("Ask the bank how quickly it can ship a kit, and take the kit to the hospital with you."),
)
_COLLECTION = (
    N_("Collection at birth"),
    N_(
        "The cord blood is collected after the baby is born and the cord is clamped; it takes a"
        " few minutes (the bank says 5 to 10). Delayed cord clamping of 30 to 60 seconds is"
        " compatible with collection but reduces the volume that can be collected. Collection"
        " should not change the care of mother and baby or when the cord is clamped. The date is"
        " the due date; the baby may come earlier or later."
    ),
    CLAMPING,
    "",
)
_COLLECTION_FOR_A_NEED = (
    N_("Collection at birth"),
    N_(
        "The cord blood is collected after the baby is born and the cord is clamped; it takes a"
        " few minutes (the bank says 5 to 10). Delayed cord clamping reduces the volume that can be"
        " collected; when the unit is meant for a family member who is ill, ACOG allows an"
        " exception to routine delayed clamping, and the Cord Blood Association says delayed"
        " clamping may not be advised. Decide this with your obstetrician before the birth."
    ),
    CLAMPING,
    "",
)
_PUBLIC_CHECK = (
    N_("From week 28: check whether your hospital takes donations"),
    N_(
        "Donating to a public bank is free, but only possible at a hospital that works with a"
        " public bank: check NMDP's list of participating hospitals and talk to your doctor or"
        " midwife. If your hospital is not on the list, you cannot donate there."
    ),
    NMDP,
    N_(
        "Ask your doctor or midwife now whether your hospital collects donations; most programs"
        " ask you to register by about week 34."
    ),
)
_PUBLIC_REGISTER = (
    N_("Register to donate by about week 34"),
    N_(
        "Most donation programs ask the mother to register in advance, typically by week 34. The"
        " public bank then checks that you can donate, for example that you are 18 or older."
    ),
    PARENTS_GUIDE_DONATE,
    N_("Ask the public bank that works with your hospital whether you can still register."),
)
_PUBLIC_BIRTH = (
    N_("Donation at birth"),
    N_(
        "The hospital collects the cord blood for the public bank at no cost to you. A donated unit"
        " is listed for any patient who matches; it is not kept for your family."
    ),
    NMDP,
    "",
)
