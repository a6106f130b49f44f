"""The catalog's vocabularies: how far a figure can be trusted, what a plan stores, kinds of fee."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Basis(StrEnum):
    """How much a figure can be trusted."""

    QUOTED = "quoted"  # published by the bank itself
    THIRD_PARTY = "third_party"  # published by someone quoting the bank
    ILLUSTRATIVE = "illustrative"  # made up to show a shape the sources describe without a price


BASIS_STRENGTH = {Basis.QUOTED: 2, Basis.THIRD_PARTY: 1, Basis.ILLUSTRATIVE: 0}


def weakest(bases: Iterable[Basis]) -> Basis:
    """The weakest of several bases: a total is only as good as its weakest price."""
    return min(bases, key=BASIS_STRENGTH.__getitem__, default=Basis.QUOTED)


class Stored(StrEnum):
    CORD_BLOOD = "cord_blood"
    CORD_TISSUE = "cord_tissue"
    PLACENTA_TISSUE = "placenta_tissue"
    PLACENTA_BLOOD = "placenta_blood"
    EXOSOMES = "exosomes"
    AMNION = "amnion"


class FeeKind(StrEnum):
    ENROLLMENT = "enrollment"
    PROCESSING = "processing"
    COURIER_KIT = "courier_kit"
    OTHER = "other"
