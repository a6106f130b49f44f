"""What a contract's known fees would make a family pay, set beside the total, never in it.

A release fee is paid only if the unit is used; a cancellation fee only if the family
cancels; a storage fee rises by its cap only if the bank raises it every year. None of them is
certain, so none is added to the total: each is priced here as a "what if" of its own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bankcalc.catalog.contract import ContractTerms
from bankcalc.catalog.models import PaymentOption, Plan
from bankcalc.core.costs import schedule
from bankcalc.core.terms import Terms


class WhatIfKind(StrEnum):
    RELEASE = "release"  # the unit is released for a transplant
    CANCEL = "cancel_before_collection"  # the family cancels before the cord blood is collected
    STORAGE_CAP = "storage_rises_by_cap"  # the storage fee rises by its stated cap every year


@dataclass(frozen=True, slots=True)
class WhatIf:
    kind: WhatIfKind
    beside: Decimal  # the quote's total (USD), which this figure is set beside
    fee: Decimal | None  # the fee (USD): per unit released, or for cancelling; None: not stated
    total: Decimal | None  # what the family pays in all in that case (USD); None: not known
    rate: Decimal | None = None  # the yearly cap, for STORAGE_CAP


def what_ifs(
    plan: Plan, option: PaymentOption, contract: ContractTerms, terms: Terms, total: Decimal
) -> tuple[WhatIf, ...]:
    """The "what if" figures a contract's terms give for one option's total (USD).

    Release: the fee for one unit, on top of the total. Cancelling before collection: the
    fee instead of the total (nothing else is due yet). A stated cap on storage increases:
    the option's total if the fee rose by the cap every year, when that is more than the
    increase the scenario assumes.
    """
    found: list[WhatIf] = []
    release = contract.release
    if release is not None and (release.fee is not None or release.fee_unpublished):
        with_fee = None if release.fee is None else total + release.fee
        found.append(WhatIf(WhatIfKind.RELEASE, total, release.fee, with_fee))
    cancel = contract.cancellation
    if cancel is not None and (cancel.fee is not None or cancel.fee_unpublished):
        found.append(WhatIf(WhatIfKind.CANCEL, total, cancel.fee, cancel.fee))
    rising = contract.storage_increase
    if rising is not None and rising.cap is not None and rising.cap > terms.escalation:
        capped = dataclasses.replace(terms, escalation=rising.cap)
        at_cap = schedule(plan, option, capped).total
        found.append(WhatIf(WhatIfKind.STORAGE_CAP, total, None, at_cap, rising.cap))
    return tuple(found)
