"""Claims about the odds that banks and professional bodies quote, as validated from the catalog.

A claim keeps the words exactly as published (a `PublishedQuote`, checked against the
published passage it comes from) apart from bankcalc's plain-words paraphrase, who says it to
families, the primary source, what the figure measures and how good the evidence is, plus
caveats for parents. Quotation marks in any text of the catalog surround only words that a
`PublishedQuote` of the same entry backs. Probabilities are exact `Fraction`s: 0.0046,
"0.46 %" and "1 in 217" are all accepted, floats are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from bankcalc.catalog.text import Bounds, Text

MAX_AGE = 120
_ONE_IN = re.compile(r"^1 in (\d{1,3}(?:,\d{3})+|\d+)$")
_K_IN = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+) in (\d{1,3}(?:,\d{3})+|\d+)$")
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?|\.\d+)\s*%$")
_MAX_TEXT = 40


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def one_in_n(text: str) -> int | None:
    """'1 in 2,500' -> 2500; None when the text is not of that form."""
    match = _ONE_IN.match(text.strip())
    return int(match.group(1).replace(",", "")) if match else None


def parse_probability(value: object) -> Fraction:
    """0.0046 (as Decimal or text), '0.46 %', '1 in 217' or '23 in 100,000' -> an exact
    Fraction in [0, 1]."""
    probability = _exact(value)
    if not 0 <= probability <= 1:
        raise ValueError(f"a probability must be between 0 and 1, got {value!r}")
    return probability


def _exact(value: object) -> Fraction:
    # A float has already lost exactness (0.0046 is 0.00459999...); bool is an int by accident.
    if isinstance(value, bool | float):
        raise ValueError("give a probability as text ('0.0046', '1 in 217') or an exact number")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("a probability must be a finite number")
        return Fraction(value)
    if isinstance(value, str):
        return _exact_text(value.strip())
    raise ValueError(f"expected a probability, got {type(value).__name__}")


def _exact_text(text: str) -> Fraction:
    if len(text) > _MAX_TEXT:
        raise ValueError("a probability is a short text such as '1 in 217' or '0.0046'")
    counted = _K_IN.match(text)
    if counted:  # "1 in 217", "23 in 100,000"
        k, n = (int(part.replace(",", "")) for part in counted.groups())
        if n == 0:
            raise ValueError(f"'{text}' is not a probability")
        return Fraction(k, n)
    percent = _PERCENT.match(text)
    if percent:
        return Fraction(Decimal(percent.group(1))) / 100
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"expected '1 in N', a percentage or a decimal, got {text!r}") from None
    if not number.is_finite():
        raise ValueError("a probability must be a finite number")
    return Fraction(number)


def _probability(value: Any) -> Fraction:
    try:
        return parse_probability(value)
    except ValueError as error:
        raise PydanticCustomError("probability", str(error)) from None


PROBABILITY_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"type": "number", "minimum": 0, "maximum": 1},
        {"type": "string", "pattern": r"^(1 in [0-9][0-9,]*|[0-9.]+\s*%?)$"},
    ],
    "examples": ["1 in 217", "0.0046", "0.46 %"],
}

Probability = Annotated[
    Fraction,
    BeforeValidator(_probability),
    WithJsonSchema(PROBABILITY_SCHEMA),
    Field(description="an exact probability between 0 and 1: '1 in 217', 0.0046 or '0.46 %'"),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$", description="a lower-case id")]
Age = Annotated[int, Field(ge=0, le=MAX_AGE, description="age in whole years")]
Words = Annotated[Text, Bounds(3, 2000)]


def round_significant(value: Fraction, digits: int) -> Fraction:
    """Round a positive value to `digits` significant figures, half up, exactly."""
    if value <= 0 or digits < 1:
        raise ValueError("round_significant needs a positive value and at least one digit")
    exponent = _decimal_exponent(value)
    scale = Fraction(10) ** (digits - 1 - exponent)
    return Fraction(int(value * scale + Fraction(1, 2)), 1) / scale


def _decimal_exponent(value: Fraction) -> int:
    """The e with 10**e <= value < 10**(e + 1), found from digit counts, then corrected."""
    exponent = len(str(value.numerator)) - len(str(value.denominator))
    while Fraction(10) ** exponent > value:
        exponent -= 1
    while Fraction(10) ** (exponent + 1) <= value:
        exponent += 1
    return exponent


def agrees(odds_text: str, probability: Fraction, digits: int = 3) -> bool:
    """Does '1 in N' say the same as the probability, N and 1/p rounded to `digits` figures?"""
    n = one_in_n(odds_text)
    if n is None or n == 0 or probability <= 0:
        return False
    return round_significant(Fraction(n), digits) == round_significant(1 / probability, digits)


class EvidenceGrade(StrEnum):
    """How much a figure can bear; a speculative projection never gets a cost per chance."""

    POPULATION_STATISTIC = "population_statistic"  # measured incidence in a population
    MODEL_ESTIMATE = "model_estimate"  # modelled from population data under stated assumptions
    COST_MODEL = "cost_model"  # a decision model of costs and benefits, under assumptions
    OBSERVED_RATE = "observed_rate"  # counted: what actually happened, e.g. units released
    EXPERT_ESTIMATE = "expert_estimate"  # a professional body's estimate, often a wide range
    MENDELIAN_ARITHMETIC = "mendelian_arithmetic"  # inheritance rules, not observed use
    PROFESSIONAL_RECOMMENDATION = "professional_recommendation"  # a position, not a number
    MARKETING_CLAIM = "marketing_claim"  # a seller's wording
    SPECULATIVE_PROJECTION = "speculative_projection"  # a sum of hopes, not a probability


class ClaimKind(StrEnum):
    """What a claim is about, which decides how bankcalc puts numbers beside it."""

    TRANSPLANT_BY_AGE = "transplant_by_age"
    OWN_UNIT_USE = "own_unit_use"
    SIBLING_MATCH = "sibling_match"
    OWN_MATCH = "own_match"
    REGENERATIVE_MEDICINE = "regenerative_medicine"
    PROFESSIONAL_POSITION = "professional_position"
    OBSERVED_USE = "observed_use"  # units actually released, per units stored
    COST_EFFECTIVENESS = "cost_effectiveness"  # an economic evaluation of private banking
    TAX_ELIGIBILITY = "tax_eligibility"  # what families hear about paying with an FSA or HSA


class QuoteStatus(StrEnum):
    VERIFIED = "verified"  # read in the source itself, or a faithful copy (PubMed, PMC)
    SECOND_HAND = "second_hand"  # read only as reproduced by someone else (named in `via`)


_QUOTED_SPAN = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»")
_SPACES = re.compile(r"\s+")


def _normal(text: str) -> str:
    """Compare words, not line breaks or curly vs straight apostrophes."""
    return _SPACES.sub(" ", text.replace("\u2019", "'")).strip()


class PublishedQuote(Frozen):
    """Words exactly as published, with the passage they were read in."""

    text: str = Field(
        min_length=3, max_length=600, description="the exact words, shown in quotation marks"
    )
    passage: str = Field(
        min_length=3,
        max_length=4000,
        description="the published passage the words come from, copied as read",
    )
    read_at: str = Field(min_length=3, max_length=400, description="where the passage was read")
    status: QuoteStatus = Field(
        default=QuoteStatus.VERIFIED, description="verified, or second-hand (see via)"
    )
    via: Annotated[Text, Bounds(3, 300)] | None = Field(
        default=None, description="for a second-hand quote: who reproduced it"
    )
    es: str | None = Field(
        default=None,
        min_length=3,
        max_length=900,
        description="bankcalc's Spanish translation of the words, shown beside the original"
        " on Spanish pages (required in the catalog file)",
    )

    @model_validator(mode="after")
    def _in_its_passage(self) -> PublishedQuote:
        if _normal(self.text) not in _normal(self.passage):
            raise ValueError("the quoted text is not word for word in its passage")
        if (self.status is QuoteStatus.SECOND_HAND) != (self.via is not None):
            raise ValueError("a second-hand quote names who reproduced it (via), and only it")
        return self

    @model_validator(mode="after")
    def _translated(self, info: ValidationInfo) -> PublishedQuote:
        if self.es is None and (info.context or {}).get("spanish_required"):
            raise PydanticCustomError(
                "spanish_missing", "es: no Spanish translation of the quoted words"
            )
        return self

    @property
    def words(self) -> Text:
        """The words as published, with bankcalc's Spanish beside them: print `.en` verbatim
        and mark it English; the Spanish is a translation, never the source's own words."""
        return Text(self.text, self.es)


def quoted_spans(text: str) -> list[str]:
    """The words inside quotation marks (curly, straight or «Spanish») in a text."""
    return [next(group for group in groups if group) for groups in _QUOTED_SPAN.findall(text)]


def check_quoted(texts: Iterable[Text | str], quotes: Iterable[PublishedQuote]) -> None:
    """Quotation marks only around published words: each quoted span must be (part of) a
    PublishedQuote's text of the same entry, which is itself checked against its passage. In
    the Spanish of a text, a quoted span must be (part of) a quote's translation, or the
    original English words themselves."""
    quotes = tuple(quotes)
    english = [_normal(quote.text) for quote in quotes]
    spanish = english + [_normal(quote.es) for quote in quotes if quote.es]
    for text in texts:
        for words, backed in _languages(text, english, spanish):
            for span in quoted_spans(words):
                if not any(_normal(span) in quoted for quoted in backed):
                    raise ValueError(f"“{span[:60]}” is in quotation marks but no quote backs it")


def _languages(
    text: Text | str, english: list[str], spanish: list[str]
) -> list[tuple[str, list[str]]]:
    if isinstance(text, str):
        return [(text, english)]
    pairs = [(text.en, english)]
    if text.es is not None:
        pairs.append((text.es, spanish))
    return pairs


class Source(Frozen):
    citation: str = Field(min_length=10, max_length=600, description="authors, title, journal")
    year: int = Field(ge=1900, le=2100, description="year of publication")
    doi: str | None = Field(
        default=None, pattern=r"^10\.\d{4,9}/\S+$", description="DOI without the resolver"
    )
    url: HttpUrl | None = Field(default=None, description="where the source can be read")


class Measures(Frozen):
    population: Annotated[Text, Bounds(3, 300)] = Field(description="who the figure is about")
    event: Annotated[Text, Bounds(3, 300)] = Field(description="what happens to them")
    age_from: Age = Field(default=0, description="youngest age covered, whole years")
    age_to: Age | None = Field(
        default=None, description="oldest age covered, whole years; none when not stated"
    )

    @model_validator(mode="after")
    def _ages_in_order(self) -> Measures:
        if self.age_to is not None and self.age_to < self.age_from:
            raise ValueError("age_to must not be below age_from")
        return self


class AgePoint(Frozen):
    age: Age = Field(description="age in whole years")
    probability: Probability = Field(description="cumulative probability by this age")


class AgeTable(Frozen):
    """Cumulative probability by age: starts at 0 at birth and never falls."""

    points: tuple[AgePoint, ...] = Field(
        min_length=2, max_length=121, description="age -> cumulative probability, ages ascending"
    )
    rising_from_age: Age | None = Field(
        default=None,
        description="from this table age on, incidence rises with age, so a straight line"
        " between table points lies above the true curve (an upper bound); none: unknown",
    )
    source: Source = Field(description="where the age points come from")

    @field_validator("points", mode="before")
    @classmethod
    def _from_mapping(cls, value: Any) -> Any:
        # YAML reads naturally as {0: 0, 20: 0.0006, 70: 0.0046}.
        if isinstance(value, dict):
            return [{"age": age, "probability": p} for age, p in value.items()]
        return value

    @model_validator(mode="after")
    def _cumulative(self) -> AgeTable:
        first = self.points[0]
        if first.age != 0 or first.probability != 0:
            raise ValueError("the table must start at age 0 with probability 0")
        for before, after in zip(self.points, self.points[1:], strict=False):
            if after.age <= before.age:
                raise ValueError(f"ages must increase: {after.age} follows {before.age}")
            if after.probability < before.probability:
                raise ValueError(
                    f"a cumulative probability cannot fall: age {after.age} is below"
                    f" age {before.age} (the table is not monotone)"
                )
        ages = {point.age for point in self.points}
        if self.rising_from_age is not None and self.rising_from_age not in ages:
            raise ValueError("rising_from_age must be one of the table's ages")
        return self

    @property
    def max_age(self) -> int:
        return self.points[-1].age

    def at(self, age: int) -> Fraction | None:
        """The tabled probability at a whole age, or None when that age is not a table point."""
        return next((p.probability for p in self.points if p.age == age), None)


class ProbabilityRange(Frozen):
    """A range of estimates: shown as a range, never collapsed to a point."""

    low: Probability = Field(description="the lowest estimate, above 0")
    high: Probability = Field(description="the highest estimate")

    @model_validator(mode="after")
    def _ordered(self) -> ProbabilityRange:
        if self.low <= 0:
            raise ValueError("low must be above 0")
        if self.high < self.low:
            raise ValueError("high must not be below low")
        return self


class SiblingNeed(Frozen):
    """How likely a sibling is to need a donor transplant: a published table by age, and one
    model's assumption, each with its source."""

    table: AgeTable = Field(description="chance of a donor (allogeneic) transplant by age")
    assumed: Probability = Field(description="a model's assumed chance that a sibling needs one")
    assumed_by: Annotated[Text, Bounds(3, 300)] = Field(description="whose assumption")


class CostThreshold(Frozen):
    """Where an economic evaluation found private banking cost-effective."""

    below_cost: Decimal = Field(gt=0, description="cost-effective only below this cost (USD)")
    above_odds: Probability = Field(description="or only above this chance of need")
    assumed_cost: Decimal = Field(gt=0, description="the cost the study assumed (USD)")
    assumed_years: int = Field(ge=1, le=100, description="years of storage that cost covered")
    per_life_year: Decimal = Field(gt=0, description="its result: USD per life-year gained")


class Claim(Frozen):
    """A figure or promise families hear, with its source, its grade and its caveats."""

    id: Slug
    kind: ClaimKind = Field(description="what the claim is about")
    grade: EvidenceGrade = Field(description="how good the evidence behind it is")
    quote: PublishedQuote | None = Field(
        default=None, description="the words exactly as published, when they can be quoted"
    )
    paraphrase: Words = Field(description="what it says, in bankcalc's plain words (no quotes)")
    quoted_by: Words = Field(description="who says it to families, by title and publisher")
    also_quoted: tuple[PublishedQuote, ...] = Field(
        default=(), max_length=6, description="other published words the caveats quote"
    )
    probability: Probability | None = Field(
        default=None, description="the quoted probability, exact; none for claims without one"
    )
    odds_as_quoted: str | None = Field(
        default=None,
        pattern=r"^1 in (\d{1,3}(,\d{3})+|\d+)$",
        description="the '1 in N' wording as quoted; must agree with probability to 3 figures",
    )
    source: Source = Field(description="the primary source of the figure or position")
    measures: Measures | None = Field(
        default=None, description="population, event and ages the figure is about"
    )
    caveats: tuple[Annotated[Text, Bounds(10, 600)], ...] = Field(
        min_length=1, max_length=12, description="what a parent should know, in plain words"
    )
    age_table: AgeTable | None = Field(
        default=None,
        validate_default=True,
        description="cumulative probability by age, for matching the storage horizon",
    )
    range: ProbabilityRange | None = Field(
        default=None,
        validate_default=True,
        description="low and high estimates, for a figure given as a range",
    )

    @field_validator("odds_as_quoted")
    @classmethod
    def _odds_agree(cls, text: str | None, info: ValidationInfo) -> str | None:
        if text is None or "probability" not in info.data:
            return text  # nothing to compare, or probability already failed on its own
        probability = info.data["probability"]
        if probability is None:
            raise ValueError(f"'{text}' needs the probability it stands for")
        if not agrees(text, probability):
            raise ValueError(
                f"'{text}' does not agree with probability {_shown(probability)}"
                f" (1 in {_shown(1 / probability) if probability else 'infinity'})"
                " to 3 significant figures"
            )
        return text

    @field_validator("age_table")
    @classmethod
    def _table_fits(cls, table: AgeTable | None, info: ValidationInfo) -> AgeTable | None:
        kind = info.data.get("kind")
        if (table is None) != (kind is not ClaimKind.TRANSPLANT_BY_AGE):
            raise ValueError(
                "an age table belongs to, and is required by, a transplant_by_age claim"
            )
        if table is None:
            return None
        _not_speculative(info)
        measures, probability = info.data.get("measures"), info.data.get("probability")
        if measures is not None and measures.age_to is not None and probability is not None:
            tabled = table.at(measures.age_to)
            if tabled != probability:
                raise ValueError(
                    f"the table gives {_shown(tabled) if tabled is not None else 'nothing'}"
                    f" at age {measures.age_to}, the claim's probability is {_shown(probability)}"
                )
        return table

    @field_validator("range")
    @classmethod
    def _range_fits(
        cls, estimates: ProbabilityRange | None, info: ValidationInfo
    ) -> ProbabilityRange | None:
        kind = info.data.get("kind")
        if estimates is not None and kind is not ClaimKind.OWN_UNIT_USE:
            raise ValueError("a range belongs to an own_unit_use claim")
        if estimates is not None:
            _not_speculative(info)
        if (
            kind is ClaimKind.OWN_UNIT_USE
            and estimates is None
            and not info.data.get("probability")
        ):
            raise ValueError("an own_unit_use claim needs a range or a probability")
        return estimates

    threshold: CostThreshold | None = Field(
        default=None, description="a cost_effectiveness claim's published thresholds"
    )
    counts_relatives: bool = Field(
        default=False,
        description="an own_unit_use figure that counts use for a relative as well as the child",
    )
    sibling_need: SiblingNeed | None = Field(
        default=None, description="a sibling_match claim: how likely a sibling needs a donor"
    )

    @model_validator(mode="after")
    def _sibling_has_probability(self) -> Claim:
        if self.kind is ClaimKind.SIBLING_MATCH and not self.probability:
            raise ValueError("probability: a sibling_match claim needs the per-sibling probability")
        if self.kind is ClaimKind.OBSERVED_USE and not self.probability:
            raise ValueError("probability: an observed_use claim needs the observed rate")
        if self.sibling_need is not None and self.kind is not ClaimKind.SIBLING_MATCH:
            raise ValueError("sibling_need belongs to a sibling_match claim")
        if (self.threshold is None) != (self.kind is not ClaimKind.COST_EFFECTIVENESS):
            raise ValueError("threshold belongs to, and is required by, a cost_effectiveness claim")
        quotes = (*((self.quote,) if self.quote else ()), *self.also_quoted)
        check_quoted((self.paraphrase, *self.caveats), quotes)
        return self

    @property
    def statement(self) -> Text:
        """The quote when there is one (its Spanish a translation), else the paraphrase."""
        return self.quote.words if self.quote else self.paraphrase


def _not_speculative(info: ValidationInfo) -> None:
    # Tables and ranges feed the cost per chance; a speculative projection must never do so.
    if info.data.get("grade") is EvidenceGrade.SPECULATIVE_PROJECTION:
        raise ValueError(
            "a speculative projection carries no table or range: it is not a probability"
        )


def _shown(value: Fraction) -> str:
    """An exact value as a short decimal for messages (never used in arithmetic)."""
    if value.denominator == 1:
        return str(value.numerator)
    return format(Decimal(value.numerator) / Decimal(value.denominator), ".6g")
