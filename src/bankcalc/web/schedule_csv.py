"""A quote's schedule as CSV: a header row, one row per storage year, cents-exact values."""

from __future__ import annotations

import csv
import io

from bankcalc.core.quote import Quote
from bankcalc.i18n import N_, _
from bankcalc.wording import unpublished_text

# The column names, in English; a spreadsheet opened by a family reads them in the language
# of the request (header()), with the same columns in the same order.
HEADER = (
    # TRANSLATORS: this and the next eleven are a CSV file's column names: keep each one word
    # of lower-case letters and underscores.
    N_("year"),
    N_("child_age"),
    N_("one_time_usd"),
    N_("storage_usd"),
    N_("prepaid_usd"),
    N_("installments_usd"),
    N_("total_usd"),
    N_("cumulative_usd"),
    N_("cumulative_present_value_usd"),
    N_("not_included"),
    N_("plan"),
    N_("bank"),
)


def header() -> tuple[str, ...]:
    """The column names in the language of the request or command."""
    return tuple(_(name) for name in HEADER)


# A spreadsheet runs a cell that begins with one of these as a formula ("=HYPERLINK(...)").
# Text cells carry words people typed (a bank's name, a fee's name sent to the API): such a
# cell gets a leading apostrophe, which spreadsheets show as text. Money cells are plain
# numbers that never begin so (no amount is negative).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def schedule_csv(quote: Quote, bank: str) -> str:
    """The chosen option's schedule; amounts as plain '1234.50' (no symbol, no separators).

    On every row, `not_included` names the fees the totals leave out because the bank does
    not publish their amount, so no total is read without it; then the plan and bank.
    """
    chosen = next(cost for cost in quote.options if cost.option_id == quote.option.id)
    left_out = safe_cell(unpublished_text(chosen.evidence.unpublished))
    plan, bank = safe_cell(str(quote.plan.name)), safe_cell(bank)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header())
    for row in quote.schedule.rows:
        amounts = (row.one_time, row.storage, row.prepaid, row.installments, row.total)
        writer.writerow(
            (
                row.year,
                row.age,
                *(f"{a:.2f}" for a in amounts),
                f"{row.cumulative:.2f}",
                f"{row.cumulative_pv:.2f}",
                left_out,
                plan,
                bank,
            )
        )
    return out.getvalue()


def safe_cell(text: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    return f"'{text}" if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def csv_filename(quote: Quote) -> str:
    return f"bankcalc-{quote.plan.id}-{quote.option.id}-{quote.schedule.months}m.csv"
