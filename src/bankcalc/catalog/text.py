"""Catalog text in English and Spanish: `{en: ..., es: ...}` in the YAML, shown in the
language of the request or command (bankcalc.i18n) wherever it is turned into text.

A `Text` is not a str: `str(text)`, an f-string or a template prints the current language's
words, and code that needs one language asks for it (`text.en`). In the catalog file both
languages are required (the loader validates with SPANISH_REQUIRED, so a missing `es` names
the file, the entry and the field); a plan a family or counselor enters may give plain text,
which is shown as entered in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from bankcalc import i18n

# Validation context of the catalog file: every text must give its Spanish.
SPANISH_REQUIRED = {"spanish_required": True}


class Text:
    """Words in English and, where given, Spanish. Immutable. Deliberately not a dataclass:
    serializers (orjson) must turn it into the current language's str, never into both."""

    __slots__ = ("en", "es")
    en: str
    es: str | None

    def __init__(self, en: str, es: str | None = None) -> None:
        object.__setattr__(self, "en", en)
        object.__setattr__(self, "es", es)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Text is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.en, self.es) == (other.en, other.es)

    def __bool__(self) -> bool:
        return bool(self.en)

    def __hash__(self) -> int:
        return hash((self.en, self.es))

    def __repr__(self) -> str:
        return f"Text({self.en!r}, {self.es!r})"

    def __str__(self) -> str:
        if self.es is not None and i18n.language() == "es":
            return self.es
        return self.en

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    @property
    def shown_in(self) -> str:
        """The language str() gives now: 'es' only when Spanish is asked for and given."""
        return "es" if self.es is not None and i18n.language() == "es" else "en"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            _validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {"en": {"type": "string"}, "es": {"type": "string"}},
                    "required": ["en"],
                    "additionalProperties": False,
                },
            ],
            "description": "text, or the same text in English and Spanish: {en: ..., es: ...}",
        }


def _validate(value: Any, info: ValidationInfo) -> Text:
    spanish_required = bool((info.context or {}).get("spanish_required"))
    if isinstance(value, Text):
        text = value
    elif isinstance(value, str):
        text = Text(value)
    elif isinstance(value, Mapping):
        text = _from_mapping(value)
    else:
        raise PydanticCustomError("text", "must be text, or {en: ..., es: ...}")
    if spanish_required and text.es is None:
        raise PydanticCustomError(
            "spanish_missing", "no Spanish text: write it as {en: ..., es: ...}"
        )
    return text


def _from_mapping(value: Mapping[Any, Any]) -> Text:
    unknown = set(value) - {"en", "es"}
    if unknown:
        names = ", ".join(sorted(map(str, unknown)))
        raise PydanticCustomError("text", f"only 'en' and 'es' are allowed, not {names}")
    en, es = value.get("en"), value.get("es")
    if not isinstance(en, str) or not en.strip():
        raise PydanticCustomError("text", "'en' must be the English text")
    if es is not None and (not isinstance(es, str) or not es.strip()):
        raise PydanticCustomError("text", "'es' must be the Spanish text")
    return Text(en.strip(), es.strip() if es is not None else None)


class Bounds:
    """Length bounds checked in each language (pydantic's min_length needs a str):
    `Annotated[Text, Bounds(3, 600)]`."""

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def _check(self, text: Text) -> Text:
        for lang, words in (("en", text.en), ("es", text.es)):
            if words is not None and not self.low <= len(words) <= self.high:
                raise PydanticCustomError(
                    "text_length",
                    "{lang} text must have {low} to {high} characters, not {count}",
                    {"lang": lang, "low": self.low, "high": self.high, "count": len(words)},
                )
        return text


def json_default(value: object) -> str:
    """orjson's fallback: a Text is the current language's words (orjson knows no Text)."""
    if isinstance(value, Text):
        return str(value)
    raise TypeError(f"cannot serialize {type(value).__name__}")


EMPTY = Text("", "")  # the default of an optional text: nothing, in either language


def english(value: Text | str) -> str:
    """The English words, for checks and ids that must not depend on the language."""
    return value.en if isinstance(value, Text) else value
