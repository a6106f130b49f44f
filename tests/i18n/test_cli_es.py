"""The command line in Spanish: `--lang es`, or the environment's language when it is not given.

How the language is chosen holds today; the tests of Spanish output pass once the Spanish
catalog holds the translations (catalog texts, such as plan names, are the catalog's own).
"""

from __future__ import annotations

import pytest

from bankcalc import i18n
from bankcalc.cli import chosen_language, main

CBR = ["quote", "--plan", "cbr-cord-blood", "--years", "20"]


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from an environment that asks for no language."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


# ---- which language: --lang first, then LC_ALL, LC_MESSAGES, LANG -------------------------


@pytest.mark.parametrize(
    ("argv", "environ", "language"),
    [
        (["--lang", "es", *CBR], {}, "es"),
        ([*CBR, "--lang", "es"], {}, "es"),  # after the command name too
        (["--lang=es", "plans"], {}, "es"),
        (CBR, {}, "en"),
        (CBR, {"LANG": "es_US.UTF-8"}, "es"),
        (CBR, {"LANG": "es_MX"}, "es"),
        (CBR, {"LANG": "fr_FR.UTF-8"}, "en"),  # a language bankcalc does not speak
        (CBR, {"LC_ALL": "C", "LANG": "es_US.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        (CBR, {"LC_MESSAGES": "es_US.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        (CBR, {"LC_ALL": "", "LANG": "es_US.UTF-8"}, "es"),  # an empty variable is not set
        (["--lang", "en", *CBR], {"LANG": "es_US.UTF-8"}, "en"),  # --lang wins
    ],
)
def test_the_language_comes_from_lang_else_the_environment(
    argv: list[str], environ: dict[str, str], language: str
) -> None:
    assert chosen_language(argv, environ) == language


def test_a_command_does_not_leave_its_language_behind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", *CBR]) == 0
    assert i18n.language() == "en"


def test_spanish_input_gives_the_same_quote(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(CBR) == 0
    in_years = capsys.readouterr().out
    assert main(["quote", "--plan", "cbr-cord-blood", "--years", "20 años"]) == 0
    assert capsys.readouterr().out == in_years
    assert main(["quote", "--plan", "cbr-cord-blood", "--years", "240 meses"]) == 0
    assert capsys.readouterr().out == in_years


# ---- Spanish output: passes once the translations are in the catalog -----------------------


def test_a_quote_prints_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", *CBR, "--siblings", "1", "--tax-rate", "24 por ciento"]) == 0
    out = capsys.readouterr().out
    assert "Total en 20 años: $" in out
    assert "Valor presente:" in out
    assert "Formas de pago (para los 20 años que pidió):" in out
    assert " año edad " in out  # the table's header
    assert "¿Puede pagar con una cuenta FSA o HSA?" in out
    assert "Lo que significan las probabilidades citadas para este plan:" in out
    assert "Qué preguntarle al banco:" in out
    assert "Total over" not in out


def test_the_environment_language_prints_spanish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "es_US.UTF-8")
    assert main(CBR) == 0
    assert "Total en 20 años: $" in capsys.readouterr().out


def test_the_timeline_prints_spanish_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", "timeline", "--due", "2027-05-01", "--today", "2027-03-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fecha probable de parto: sábado, 1 de mayo de 2027")
    assert "31 semanas y 2 días de embarazo" in out
    assert "a más tardar el sábado, 20 de marzo de 2027" in out
    assert "(abierto ahora) Desde la semana 28" in out
    assert out.index("Donación a un banco público (gratis):") < out.index("Banco privado:")


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (
            ["--years", "20 USD"],
            "bankcalc: --years: se esperaba una duración como 20, '20 años' o '240 meses';"
            " se recibió '20 USD'",
        ),
        (["--children", "9"], "bankcalc: --children: debe ser como máximo 6"),
        (["--escalation", "25 %"], "bankcalc: --escalation: debe estar entre 0 % y 20 %;"),
        (["--option", "nope"], "bankcalc: --option: el plan 'cbr-cord-blood' no tiene"),
    ],
)
def test_errors_are_one_line_in_spanish(
    arguments: list[str], error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "es", *CBR, *arguments]) == 2
    assert capsys.readouterr().err.startswith(error)


def test_an_unknown_plan_is_said_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", "quote", "--plan", "nope"]) == 2
    assert capsys.readouterr().err.strip() == (
        "bankcalc: --plan: no hay ningún plan con el id 'nope' en el catálogo"
    )


def test_the_help_is_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "es", "quote", "--help"])
    out = capsys.readouterr().out
    assert "mostrar esta ayuda y salir" in out
    assert "años de almacenamiento: 20, '20 años', '240 meses'" in out


def test_check_config_speaks_to_operators_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", "check-config"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_a_quote_in_english_has_bankcalc_s_translation_below_it_in_spanish(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "es", *CBR]) == 0
    lines = capsys.readouterr().out.splitlines()
    quoted = [n for n, line in enumerate(lines) if line.startswith("- Cita textual (en inglés)")]
    assert quoted  # the odds quote banks and societies in English
    for n in quoted:
        assert lines[n + 1].startswith("    (traducción de bankcalc: ")
    assert main(CBR) == 0
    assert "translation" not in capsys.readouterr().out  # English output quotes, nothing more
