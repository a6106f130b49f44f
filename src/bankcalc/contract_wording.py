"""How pages, the API and the command line word contract terms and their "what if" figures.

Display only: amounts arrive already computed by `core.what_if`. Every sentence is one whole
string with named placeholders, so it can be translated as a whole, and is worded in the current
language (bankcalc.i18n) when it is asked for: TITLE, QUESTION and ASK_FEE_AMOUNT answer each
lookup in the current language; the plain constants (NOTHING_ENTERED, NOTHING_FOUND,
QUESTION_SOURCE) are English marked for translation: `_()` them where they are shown, or call
`nothing_text` and `question_source`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from bankcalc.catalog.contract import Topic
from bankcalc.catalog.models import Bank, Plan
from bankcalc.catalog.offer import OfferedPlan, is_entered_source
from bankcalc.catalog.sources import PriceSource
from bankcalc.core.what_if import WhatIf, WhatIfKind
from bankcalc.fields import percent
from bankcalc.i18n import N_, _
from bankcalc.money import format_usd
from bankcalc.wording import BASIS_TEXT, Translated

ENTERED_BASIS_TEXT = N_("Your own figures, not checked by bankcalc")
NOTHING_ENTERED = N_("None entered: ask the bank the questions below.")
NOTHING_FOUND = N_("Nothing published was found: ask the bank the questions below.")


def basis_text(source: PriceSource) -> str:
    """'Published by the bank', or for an entered offer's figures, whose they are."""
    return _(ENTERED_BASIS_TEXT) if is_entered_source(source) else BASIS_TEXT[source.basis]


def nothing_text(entered: bool) -> str:
    """What stands where no contract term is known: none entered, or none published."""
    return _(NOTHING_ENTERED) if entered else _(NOTHING_FOUND)


TITLE: Mapping[Topic, str] = Translated(
    {
        Topic.ENROLLMENT: N_("Enrollment fee"),
        Topic.FIRST_YEAR: N_("First year of storage"),
        Topic.STORAGE_INCREASE: N_("Storage fee increases"),
        Topic.CANCELLATION: N_("Cancelling, and refunds"),
        Topic.RELEASE: N_("Releasing the unit for a transplant"),
        Topic.LOW_COLLECTION: N_("If too little cord blood is collected"),
        Topic.ACCREDITATION: N_("Accreditation and licences"),
        Topic.CLOSURE: N_("If the bank closes, is sold or moves the units"),
        Topic.DISCOUNTS: N_("Discounts"),
        Topic.GUARANTEE: N_("Quality guarantee"),
    }
)


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    verbatim: bool  # the Parent's Guide's own words: shown in quotation marks, attributed

    @property
    def translation(self) -> str | None:
        """bankcalc's translation of the Parent's Guide's words into the current language, to
        show beside them (None in English, or when there is none): never in their place."""
        if not self.verbatim:
            return None
        translated = _(self.text)
        return None if translated == self.text else translated


class _Questions(Mapping[Topic, Question]):
    """QUESTION: bankcalc's own questions in the current language; the Parent's Guide's words
    stay as published (its `translation` gives bankcalc's Spanish, to show beside them)."""

    def __init__(self, english: Mapping[Topic, Question]) -> None:
        self._english = dict(english)

    def __getitem__(self, topic: Topic) -> Question:
        question = self._english[topic]
        if question.verbatim:
            return question
        return dataclasses.replace(question, text=_(question.text))

    def __iter__(self) -> Iterator[Topic]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)


# Where the Parent's Guide to Cord Blood Foundation (a nonprofit) words a question, its own
# words are used (parentsguidecordblood.org, FAQ "questions to ask", tags 16 and 17); the
# others are bankcalc's, on the topics the same guide lists. Both are marked for translation:
# bankcalc's are shown translated, the Guide's as published with bankcalc's translation beside.
QUESTION: Mapping[Topic, Question] = _Questions(
    {
        Topic.ENROLLMENT: Question(
            N_("Is the enrollment fee charged once per family, or for each birth?"), verbatim=True
        ),
        Topic.FIRST_YEAR: Question(
            N_("Is the first year of storage included in the processing fee?"), verbatim=True
        ),
        Topic.STORAGE_INCREASE: Question(N_("Is the storage fee guaranteed fixed?"), verbatim=True),
        Topic.CANCELLATION: Question(
            N_(
                "What do you pay if you cancel before the birth, or before the cord blood is"
                " collected, and is anything refunded after that?"
            ),
            verbatim=False,
        ),
        Topic.RELEASE: Question(
            N_(
                "Should the family ever need the cord blood, check that the bank does not charge"
                " to release it."
            ),
            verbatim=True,
        ),
        Topic.LOW_COLLECTION: Question(
            N_(
                "What happens, and what do you pay, if too little cord blood is collected to store?"
            ),
            verbatim=False,
        ),
        Topic.ACCREDITATION: Question(
            N_(
                "Is the bank accredited by AABB or FACT, and licensed where your state requires it?"
            ),
            verbatim=False,
        ),
        Topic.CLOSURE: Question(
            N_("Does the bank reserve the right, in your contract, to change storage facilities?"),
            verbatim=True,
        ),
        Topic.DISCOUNTS: Question(
            N_(
                "Are there discounts for military families, medical professionals, a second"
                " child, or enrolling early?"
            ),
            verbatim=False,
        ),
        Topic.GUARANTEE: Question(
            N_(
                "Does the bank pay anything if a released unit fails to engraft, and on what"
                " conditions?"
            ),
            verbatim=False,
        ),
    }
)
QUESTION_SOURCE = N_(
    "Questions in quotation marks are the Parent's Guide to Cord Blood Foundation's own"
    " (parentsguidecordblood.org, questions to ask a family bank); the others are bankcalc's,"
    " on the topics the same guide lists."
)
CLOSURE_TOO = N_("Ask too what happens to the stored unit if the bank closes or is sold.")
ASK_FEE_AMOUNT: Mapping[Topic, str] = Translated(
    {
        Topic.CANCELLATION: N_("Ask the amount of the cancellation fee."),
        Topic.RELEASE: N_(
            "Ask the amount of the release fee, and whether shipping the unit costs more."
        ),
    }
)


def question_source() -> str:
    """Whose the questions are, in the current language."""
    return _(QUESTION_SOURCE)


def question_text(topic: Topic) -> str:
    """The question as a page prints it: the Parent's Guide's words in quotation marks, as
    published (in English), with bankcalc's translation beside them on a Spanish page."""
    question = QUESTION[topic]
    if question.verbatim:
        text = _("“{question}” (Parent's Guide to Cord Blood)").format(question=question.text)
        if (translation := question.translation) is not None:
            # TRANSLATORS: after the Guide's English words, in quotation marks, on a page in
            # another language: bankcalc's translation of them, never in quotation marks.
            text = _("{quoted} bankcalc's translation: {translation}").format(
                quoted=text, translation=translation
            )
    else:
        text = question.text
    return f"{text} {_(CLOSURE_TOO)}" if topic is Topic.CLOSURE else text


def what_if_text(what_if: WhatIf, children: int) -> str:
    """One "what if" sentence, set beside the total and never added to it."""
    fee = None if what_if.fee is None else format_usd(what_if.fee)
    total = None if what_if.total is None else format_usd(what_if.total)
    beside = format_usd(what_if.beside)
    if what_if.kind is WhatIfKind.RELEASE:
        if fee is None:
            return _(
                "If a unit is ever released for a transplant, the contract mentions a release"
                " fee whose amount is not published: ask whether releasing the unit costs"
                " anything, and how much."
            )
        if children > 1:
            return _(
                "If a unit is ever released for a transplant, the bank charges {fee} for each"
                " unit released: {total} in all for one unit, with the {beside} above."
            ).format(fee=fee, total=total, beside=beside)
        return _(
            "If the unit is ever released for a transplant, the bank charges {fee} more:"
            " {total} in all, with the {beside} above."
        ).format(fee=fee, total=total, beside=beside)
    if what_if.kind is WhatIfKind.CANCEL:
        if fee is None:
            return _(
                "If you cancel before the cord blood is collected, the bank charges a fee whose"
                " amount it does not publish: ask for it."
            )
        return _(
            "If you cancel before the cord blood is collected, you pay {fee}, instead of the"
            " {beside} above."
        ).format(fee=fee, beside=beside)
    rate = percent(what_if.rate) if what_if.rate is not None else ""
    return _(
        "If the storage fee rises by the most the contract allows, {rate} a year, the total"
        " is {total} instead of {beside}."
    ).format(rate=rate, total=total, beside=beside)


BANK_NOT_NAMED = N_("Bank not named")


def bank_name(plan: Plan, bank: Bank | None) -> str:
    """The bank's name: the catalog's, the one entered with an offer, else its id."""
    if isinstance(plan, OfferedPlan):
        return plan.bank_label or _(BANK_NOT_NAMED)
    return bank.name if bank else plan.bank
