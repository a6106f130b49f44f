"""Sourced notes the product shows beside other things: wherever an article is cited (the
MS paragraph beside the bank's MS article), or wherever a plan stores a tissue that no approved
treatment uses. Quotation marks in a note surround only words one of its quotes backs."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bankcalc.catalog.claims import PublishedQuote, Slug, Source, check_quoted
from bankcalc.catalog.kinds import Stored
from bankcalc.catalog.text import Bounds, Text


class Note(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Slug
    title: Annotated[Text, Bounds(3, 200)] = Field(description="a heading for families")
    text: Annotated[Text, Bounds(10, 3000)] = Field(description="the note, in plain words")
    quotes: tuple[PublishedQuote, ...] = Field(
        default=(), description="published words the text quotes"
    )
    sources: tuple[Source, ...] = Field(min_length=1, description="where each fact comes from")
    cited_as: str | None = Field(
        default=None,
        min_length=5,
        description="shown wherever a price source or a claim cites a text containing this",
    )
    stores: tuple[Stored, ...] = Field(
        default=(), description="shown for every plan that stores one of these"
    )

    @model_validator(mode="after")
    def _shown_somewhere(self) -> Note:
        if self.cited_as is None and not self.stores:
            raise ValueError("a note needs cited_as or stores: where it is shown")
        check_quoted((self.text,), self.quotes)
        return self

    def applies_to(self, stored: tuple[Stored, ...], cited: tuple[str, ...]) -> bool:
        """For a plan storing `stored`, whose sources and claims cite `cited`."""
        if set(self.stores) & set(stored):
            return True
        return self.cited_as is not None and any(self.cited_as in text for text in cited)
