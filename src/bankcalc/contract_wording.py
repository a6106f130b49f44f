"""How pages, the API and the command line word contract terms and their "what if" figures.

Display only: amounts arrive already computed by `core.what_if`. Every sentence is one whole
string with named placeholders, so it can be translated as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bankcalc.catalog.contract import Topic
from bankcalc.catalog.models import Bank, Plan
from bankcalc.catalog.offer import OfferedPlan, is_entered_source
from bankcalc.catalog.sources import PriceSource
from bankcalc.core.what_if import WhatIf, WhatIfKind
from bankcalc.fields import percent
from bankcalc.money import format_usd
from bankcalc.wording import BASIS_TEXT

ENTERED_BASIS_TEXT = "Your own figures, not checked by bankcalc"
NOTHING_ENTERED = "None entered: ask the bank the questions below."
NOTHING_FOUND = "Nothing published was found: ask the bank the questions below."


def basis_text(source: PriceSource) -> str:
    """'Published by the bank', or for an entered offer's figures, whose they are."""
    return ENTERED_BASIS_TEXT if is_entered_source(source) else BASIS_TEXT[source.basis]


TITLE: Mapping[Topic, str] = {
    Topic.ENROLLMENT: "Enrollment fee",
    Topic.FIRST_YEAR: "First year of storage",
    Topic.STORAGE_INCREASE: "Storage fee increases",
    Topic.CANCELLATION: "Cancelling, and refunds",
    Topic.RELEASE: "Releasing the unit for a transplant",
    Topic.LOW_COLLECTION: "If too little cord blood is collected",
    Topic.ACCREDITATION: "Accreditation and licences",
    Topic.CLOSURE: "If the bank closes, is sold or moves the units",
    Topic.DISCOUNTS: "Discounts",
    Topic.GUARANTEE: "Quality guarantee",
}


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    verbatim: bool  # the Parent's Guide's own words: shown in quotation marks, attributed


# Where the Parent's Guide to Cord Blood Foundation (a nonprofit) words a question, its own
# words are used (parentsguidecordblood.org, FAQ "questions to ask", tags 16 and 17); the
# others are bankcalc's, on the topics the same guide lists.
QUESTION: Mapping[Topic, Question] = {
    Topic.ENROLLMENT: Question(
        "Is the enrollment fee charged once per family, or for each birth?", verbatim=True
    ),
    Topic.FIRST_YEAR: Question(
        "Is the first year of storage included in the processing fee?", verbatim=True
    ),
    Topic.STORAGE_INCREASE: Question("Is the storage fee guaranteed fixed?", verbatim=True),
    Topic.CANCELLATION: Question(
        "What do you pay if you cancel before the birth, or before the cord blood is"
        " collected, and is anything refunded after that?",
        verbatim=False,
    ),
    Topic.RELEASE: Question(
        "Should the family ever need the cord blood, check that the bank does not charge to"
        " release it.",
        verbatim=True,
    ),
    Topic.LOW_COLLECTION: Question(
        "What happens, and what do you pay, if too little cord blood is collected to store?",
        verbatim=False,
    ),
    Topic.ACCREDITATION: Question(
        "Is the bank accredited by AABB or FACT, and licensed where your state requires it?",
        verbatim=False,
    ),
    Topic.CLOSURE: Question(
        "Does the bank reserve the right, in your contract, to change storage facilities?",
        verbatim=True,
    ),
    Topic.DISCOUNTS: Question(
        "Are there discounts for military families, medical professionals, a second child,"
        " or enrolling early?",
        verbatim=False,
    ),
    Topic.GUARANTEE: Question(
        "Does the bank pay anything if a released unit fails to engraft, and on what conditions?",
        verbatim=False,
    ),
}
QUESTION_SOURCE = (
    "Questions in quotation marks are the Parent's Guide to Cord Blood Foundation's own"
    " (parentsguidecordblood.org, questions to ask a family bank); the others are bankcalc's,"
    " on the topics the same guide lists."
)
CLOSURE_TOO = "Ask too what happens to the stored unit if the bank closes or is sold."
ASK_FEE_AMOUNT: Mapping[Topic, str] = {
    Topic.CANCELLATION: "Ask the amount of the cancellation fee.",
    Topic.RELEASE: "Ask the amount of the release fee, and whether shipping the unit costs more.",
}


def question_text(topic: Topic) -> str:
    """The question as a page prints it: the Parent's Guide's words in quotation marks."""
    question = QUESTION[topic]
    text = (
        f"“{question.text}” (Parent's Guide to Cord Blood)" if question.verbatim else question.text
    )
    return f"{text} {CLOSURE_TOO}" if topic is Topic.CLOSURE else text


def what_if_text(what_if: WhatIf, children: int) -> str:
    """One "what if" sentence, set beside the total and never added to it."""
    fee = None if what_if.fee is None else format_usd(what_if.fee)
    total = None if what_if.total is None else format_usd(what_if.total)
    beside = format_usd(what_if.beside)
    if what_if.kind is WhatIfKind.RELEASE:
        if fee is None:
            return (
                "If a unit is ever released for a transplant, the contract mentions a release"
                " fee whose amount is not published: ask whether releasing the unit costs"
                " anything, and how much."
            )
        if children > 1:
            return (
                f"If a unit is ever released for a transplant, the bank charges {fee} for each"
                f" unit released: {total} in all for one unit, with the {beside} above."
            )
        return (
            f"If the unit is ever released for a transplant, the bank charges {fee} more:"
            f" {total} in all, with the {beside} above."
        )
    if what_if.kind is WhatIfKind.CANCEL:
        if fee is None:
            return (
                "If you cancel before the cord blood is collected, the bank charges a fee whose"
                " amount it does not publish: ask for it."
            )
        return (
            f"If you cancel before the cord blood is collected, you pay {fee}, instead of the"
            f" {beside} above."
        )
    rate = percent(what_if.rate) if what_if.rate is not None else ""
    return (
        f"If the storage fee rises by the most the contract allows, {rate} a year, the total"
        f" is {total} instead of {beside}."
    )


BANK_NOT_NAMED = "Bank not named"


def bank_name(plan: Plan, bank: Bank | None) -> str:
    """The bank's name: the catalog's, the one entered with an offer, else its id."""
    if isinstance(plan, OfferedPlan):
        return plan.bank_label or BANK_NOT_NAMED
    return bank.name if bank else plan.bank
