"""The cumulative-cost chart: scaling the core's amounts to SVG coordinates.

Presentation only: the amounts come from the core's schedules; this module decides where
they go on a 480 x 300 canvas. Coordinates are Decimals rounded to 0.1 (SVG needs no more),
so no float ever appears. The SVG itself is written by templates/_chart.html.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal

from bankcalc.core.costs import Schedule
from bankcalc.i18n import _
from bankcalc.money import format_usd
from bankcalc.units import MONTHS_PER_YEAR

WIDTH = 480
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 64, 124, 16, 44  # margins: axis labels left, line labels right
LABEL_GAP = Decimal(17)  # vertical room one end label needs, in user units
_TENTH = Decimal("0.1")

# Readable without colour: each line has its own dash pattern and marker; colours are
# Okabe-Ito-like hues darkened to at least 3:1 against white.
STYLES = (
    ("#0b5cad", "", "circle"),
    ("#b3470c", "9 5", "square"),
    ("#0e7a55", "2 4", "diamond"),
    ("#7a3d8f", "12 4 3 4", "triangle"),
    ("#1f2328", "1 7", "circle"),
    ("#8a6100", "6 3 1 3", "square"),
)


@dataclass(frozen=True, slots=True)
class Tick:
    position: Decimal  # x or y in user units
    label: str
    text_position: Decimal  # where the label's anchor goes along the same axis


@dataclass(frozen=True, slots=True)
class Line:
    name: str  # the option's full name, for the key and the description
    label: str  # the short text written at the line's end
    total: str  # "$5,150.00"
    points: str  # "x,y x,y ..." for <polyline points>
    end_x: Decimal
    end_y: Decimal
    label_x: Decimal
    label_y: Decimal  # end label's baseline after moving labels apart
    colour: str
    dash: str  # stroke-dasharray, "" for solid
    marker: str  # "circle", "square", "diamond" or "triangle"
    marker_points: str  # polygon points for square, diamond and triangle markers


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    y_label_x: int  # right edge of the amounts on the y axis
    x_label_y: int  # baseline of the ages on the x axis
    tick_end: int  # lower end of the x axis tick marks
    title_x: int  # centre of the x axis title
    title_y: int
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]
    description: str  # the text alternative: where each line ends


def cumulative_chart(series: Sequence[tuple[str, str, Schedule]]) -> Chart:
    """(full name, short label, schedule) per payment option -> chart geometry.

    A point is (child's age when the year's bills fall due, cumulative paid by then); each
    line then runs flat to the end of the horizon it covers.
    """
    span_years = _ceil(max(Decimal(s.months) / MONTHS_PER_YEAR for _, _, s in series))
    top_amount = max(s.total for _, _, s in series)
    x_step, y_step = _nice_step(span_years, 5), _nice_step(top_amount, 4)
    x_max = _ceil(span_years / x_step) * x_step
    y_max = max(_ceil(top_amount / y_step), Decimal(1)) * y_step
    plot = _Plot(x_max, y_max)
    lines = [
        _line(plot, name, label, sched, STYLES[index % len(STYLES)])
        for index, (name, label, sched) in enumerate(series)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
        y_label_x=LEFT - 6,
        x_label_y=HEIGHT - BOTTOM + 18,
        tick_end=HEIGHT - BOTTOM + 5,
        title_x=(LEFT + WIDTH - RIGHT) // 2,
        title_y=HEIGHT - 6,
        x_ticks=tuple(_x_tick(plot, v) for v in _steps(x_max, x_step)),
        y_ticks=tuple(_y_tick(plot, v) for v in _steps(y_max, y_step)),
        lines=_spread_labels(lines),
        description=_description(series),
    )


class _Plot:
    """Maps (years, USD) to user units inside the margins; y grows downwards in SVG."""

    def __init__(self, x_max: Decimal, y_max: Decimal) -> None:
        self.x_max, self.y_max = x_max, y_max
        self.width = Decimal(WIDTH - LEFT - RIGHT)
        self.height = Decimal(HEIGHT - TOP - BOTTOM)

    def x(self, years: Decimal) -> Decimal:
        return _tenth(LEFT + self.width * years / self.x_max)

    def y(self, amount: Decimal) -> Decimal:
        return _tenth(HEIGHT - BOTTOM - self.height * amount / self.y_max)


def _x_tick(plot: _Plot, years: Decimal) -> Tick:
    x = plot.x(years)
    return Tick(x, f"{years.normalize():f}", x)


def _y_tick(plot: _Plot, amount: Decimal) -> Tick:
    y = plot.y(amount)
    return Tick(y, _axis_money(amount), y + 4)  # +4: centre 12-unit text on the grid line


def _line(plot: _Plot, name: str, label: str, sched: Schedule, style: tuple[str, str, str]) -> Line:
    coords = [(plot.x(Decimal(row.age)), plot.y(row.cumulative)) for row in sched.rows]
    end = (plot.x(Decimal(sched.months) / MONTHS_PER_YEAR), plot.y(sched.total))
    if end != coords[-1]:
        coords.append(end)
    colour, dash, marker = style
    return Line(
        name=name,
        label=label,
        total=format_usd(sched.total),
        points=" ".join(f"{x},{y}" for x, y in coords),
        end_x=end[0],
        end_y=end[1],
        label_x=end[0] + 9,
        label_y=end[1],
        colour=colour,
        dash=dash,
        marker=marker,
        marker_points=_marker_points(marker, *end),
    )


def _marker_points(marker: str, x: Decimal, y: Decimal) -> str:
    r, o = Decimal(4), Decimal(0)
    shapes: dict[str, list[tuple[Decimal, Decimal]]] = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "diamond": [(o, -r - 1), (r + 1, o), (o, r + 1), (-r - 1, o)],
        "triangle": [(o, -r - 1), (r + 1, r), (-r - 1, r)],
    }
    return " ".join(f"{x + dx},{y + dy}" for dx, dy in shapes.get(marker, []))


def _spread_labels(lines: list[Line]) -> tuple[Line, ...]:
    """Move end labels apart so none overlaps, keeping them in the lines' vertical order."""
    order = sorted(range(len(lines)), key=lambda i: lines[i].end_y)
    placed: dict[int, Decimal] = {}
    floor = Decimal(TOP) + 4
    for index in order:
        y = max(lines[index].end_y + 4, floor)
        placed[index] = y
        floor = y + LABEL_GAP
    overflow = floor - LABEL_GAP - (HEIGHT - BOTTOM + 4)
    if overflow > 0:  # pushed below the plot: slide the whole stack back up
        placed = {i: y - overflow for i, y in placed.items()}
    return tuple(replace(line, label_y=placed[i]) for i, line in enumerate(lines))


def _description(series: Sequence[tuple[str, str, Schedule]]) -> str:
    """The chart's text alternative, in the language of the request."""
    end = _("{option}: {total} by the end of year {year}")
    ends = [
        end.format(option=name, total=format_usd(s.total), year=len(s.rows))
        for name, _label, s in series
    ]
    # TRANSLATORS: {ends} is one "{option}: {total} by the end of year {year}" per way to pay,
    # separated by semicolons.
    return _("Total paid, year by year, for each way to pay. {ends}.").format(ends="; ".join(ends))


def _nice_step(span: Decimal, target: int) -> Decimal:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `target` intervals."""
    raw = max(span / target, Decimal(1))
    power = Decimal(10) ** (len(str(int(raw))) - 1)
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _steps(top: Decimal, step: Decimal) -> list[Decimal]:
    return [step * i for i in range(int(top / step) + 1)]


def _ceil(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_CEILING)


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(_TENTH, rounding=ROUND_HALF_EVEN)


def _axis_money(amount: Decimal) -> str:
    """Round axis amounts without cents: '$5,000'."""
    return format_usd(amount).removesuffix(".00")
