"""Every kind of catalog file that cannot be used, each with a part of the one message it gets.

Shared by the loader's, the command line's and the server's tests: each kind must end as the
same one-message CatalogError at start-up, in `check-config` and on SIGHUP.
"""

from __future__ import annotations

from pathlib import Path

from builders import catalog_data, dump_catalog, plan_data


def good_text(as_of: str = "2026-01-01") -> str:
    data = catalog_data([plan_data("alpha")])
    data["plans"][0]["prices"] = data["plans"][0]["prices"] | {"as_of": as_of}
    return dump_catalog(data)


def _fee(value: str) -> str:
    """The good catalog with the annual fee written as `value`, unquoted."""
    return good_text().replace("annual_storage_fee: '175.00'", f"annual_storage_fee: {value}")


# kind -> (file content, a part of the message)
BAD_CATALOGS: dict[str, tuple[str | bytes, str]] = {
    "infinite fee (.inf)": (_fee(".inf"), "'.inf' is not a number bankcalc can use"),
    "not-a-number fee (.nan)": (_fee(".nan"), "'.nan' is not a number bankcalc can use"),
    "base-60 float (1:30.5)": (_fee("1:30.5"), "'1:30.5' is not a number bankcalc can use"),
    "not UTF-8": (
        good_text().replace("Test Bank", "Caf\xe9 Bank").encode("latin-1"),
        "not UTF-8 text: byte 0xe9 at line 4",
    ),
    "nesting 20,000 deep": ("plans: " + "[" * 20_000 + "]" * 20_000 + "\n", "nested too deeply"),
    "a date that does not exist": (
        good_text().replace("as_of: '2026-01-01'", "as_of: 2026-02-30"),
        "cannot read '2026-02-30': day is out of range for month",
    ),
    "a 5,000-digit integer": (
        good_text().replace("version: 1", "version: 1" + "0" * 5_000),
        "cannot read '1000000000",
    ),
    "YAML syntax error": ("plans: [\n", "not valid YAML"),
    "a text without its Spanish": (
        good_text().replace("    es: (es) Plan alpha\n", ""),
        "plan 'alpha': name: no Spanish text: write it as {en: ..., es: ...}",
    ),
    "a missing field": (
        good_text().replace("  annual_storage_fee: '175.00'\n", ""),
        "plan 'alpha': annual_storage_fee: field required",
    ),
}


def write_bad(path: Path, kind: str) -> str:
    """Write the bad catalog of this kind at `path`; -> the part of the message it must get."""
    content, message = BAD_CATALOGS[kind]
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return message
