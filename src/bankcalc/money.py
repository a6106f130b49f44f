"""Money: the one place where amounts are rounded to the cent.

Every scheduled payment is rounded once, with ROUND_HALF_EVEN, by `cents` (or `cents_each`
for many at once); totals are sums
of rounded payments, so a schedule always adds up to its total to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_EVEN, Decimal

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


def split_cumulative(amounts: Iterator[Decimal]) -> Iterator[Decimal]:
    """Round a stream of exact amounts so the rounded parts add up to the rounded sum.

    line_i = cents(cum_i) - cents(cum_{i-1}); rounding each line alone drifts by cents.
    """
    exact = Decimal(0)
    rounded = ZERO
    for amount in amounts:
        exact += amount
        line = cents(exact) - rounded
        rounded += line
        yield line


def format_usd(amount: Decimal) -> str:
    """'$1,234.50' for display; negative amounts as '-$12.00'."""
    value = cents(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def format_usd_estimate(amount: Decimal, figures: int = 3) -> str:
    """An estimate to `figures` significant figures, '$8,890,000': for population figures
    such as cost per chance, where cents would claim a precision the inputs do not have."""
    if amount == 0:
        return "$0"
    exponent = amount.adjusted() - (figures - 1)
    rounded = amount.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)
    places = max(0, -exponent)
    return f"{'-' if rounded < 0 else ''}${abs(rounded):,.{places}f}"
