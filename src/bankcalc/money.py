"""Money: the one place where amounts are rounded to the cent.

Every scheduled payment is rounded once, half to even, here: by `cents` (or `cents_each` for
many at once), or, for an amount split into equal parts, by `split_evenly`, which applies the
same rule to exact fractions of a cent. Totals are sums of rounded payments, so a schedule
always adds up to its total to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal
from itertools import pairwise

from bankcalc.i18n import ngettext

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(amount: Decimal) -> Decimal:
    """Round an amount in USD to the cent, half to even (banker's rounding)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


def cents_each(amounts: Iterable[Decimal]) -> list[Decimal]:
    """cents() of many amounts in one call: the same rounding, without a Python call per
    amount in the core's per-year loops."""
    quantize = Decimal.quantize
    return [quantize(amount, CENT, ROUND_HALF_EVEN) for amount in amounts]


def split_evenly(total: Decimal, parts: int) -> tuple[Decimal, ...]:
    """Split a whole-cent amount into `parts` payments that add up to it exactly (USD).

    Cumulative rounding: part_i = round(total x i / parts) - round(total x (i - 1) / parts),
    each running sum rounded half to even. The sums are exact fractions of integer cents, not
    28-digit quotients: 6,425.77 over 24 is exactly 3,212.885 after 12 months, which rounds
    to 3,212.88; adding up rounded-up shares of 267.74041666... would give 3,212.89.
    """
    if parts < 1:
        raise ValueError("split an amount into at least one part")
    whole = total * 100
    if whole != whole.to_integral_value():
        raise ValueError(f"{total} is not a whole number of cents")
    units = int(whole)
    rounded = [_half_even(units * part, parts) for part in range(parts + 1)]
    return tuple(Decimal(after - before).scaleb(-2) for before, after in pairwise(rounded))


def _half_even(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to an integer, half to even (the rule of `cents`)."""
    quotient, remainder = divmod(numerator, denominator)
    twice = 2 * remainder
    if twice > denominator or (twice == denominator and quotient % 2):
        return quotient + 1
    return quotient


def format_usd(amount: Decimal) -> str:
    """'$1,234.50' for display; negative amounts as '-$12.00'."""
    value = cents(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def format_usd_estimate(amount: Decimal, figures: int = 3) -> str:
    """An estimate to `figures` significant figures, '$889,000', '$21.7 million', '$3.8
    billion': for population figures such as cost per chance, where cents would claim a
    precision the inputs do not have, and long rows of zeros read badly."""
    if amount == 0:
        return "$0"
    for scale in (Decimal("1e9"), Decimal("1e6")):
        if abs(amount) >= scale:
            in_scale = amount / scale
            exponent = in_scale.adjusted() - (figures - 1)
            rounded = in_scale.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)
            dollars = f"{'-' if rounded < 0 else ''}${abs(rounded).normalize():f}"
            # Spanish says "$1 millón" but "$1.5 millones": the plural form follows the number
            count = 1 if abs(rounded) == 1 else 2
            if scale == Decimal("1e9"):
                words = ngettext("{amount} billion", "{amount} billion", count)
            else:
                words = ngettext("{amount} million", "{amount} million", count)
            return words.format(amount=dollars)
    exponent = amount.adjusted() - (figures - 1)
    rounded = amount.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)
    places = max(0, -exponent)
    return f"{'-' if rounded < 0 else ''}${abs(rounded):,.{places}f}"
