"""Charts from one declarative spec, drawn as accessible SVG.

Pure Python, no Django import: the analytics page draws the spec inline, and the
review documents will draw the same spec to an image on the server, so a figure in a
review looks like the one on screen. The SVG needs no script and no web font (the
reader's system sans-serif), carries its title and data as text (`<title>`, `<desc>`,
a label on every bar and point) and is coloured with presentation attributes, which
the content security policy allows where it forbids inline `style`.

Bars are horizontal: the categories are usually unit names ("Đảng ủy phường Khương
Mai"), which read badly when turned on their side; lines run over periods.
"""

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

type Number = Decimal | int | float
type ChartKind = Literal["bar", "line"]

PALETTE = ("#a4161a", "#1f4fa3", "#d4a017", "#1e7b46", "#6b3fa0", "#5b6475")
FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
INK, MUTED, GRID = "#1d2433", "#5b6475", "#e2e5ea"
CHAR_WIDTH = 7.2  # px per character at 12 px: generous, so that labels never overflow
NO_VALUE = "–"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Number | None, ...]


@dataclass(frozen=True)
class ChartSpec:
    """What to draw, independent of how: a bar or line chart of some series over
    categories, with a title and the unit the figures are counted in."""

    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit_label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("bar", "line"):
            raise ValueError(f"Unknown chart kind {self.kind!r}: use 'bar' or 'line'.")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(
                    f"Series {series.name!r} has {len(series.values)} values "
                    f"for {len(self.categories)} categories."
                )

    @property
    def has_values(self) -> bool:
        return any(value is not None for series in self.series for value in series.values)


def format_number(value: Number | None, lang: str = "vi") -> str:
    """A figure as people write it: 27.066 and 75,3 in Vietnamese, 27,066 and 75.3 in English."""
    if value is None:
        return NO_VALUE
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    integral = number == number.to_integral_value()
    text = format(number.quantize(Decimal(1)) if integral else number.normalize(), "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _dot, fraction = text.partition(".")
    group, decimal_mark = (".", ",") if lang.startswith("vi") else (",", ".")
    grouped = f"{int(whole):,}".replace(",", group)
    return f"{sign}{grouped}{decimal_mark + fraction if fraction else ''}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis marks (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering low..high and zero,
    for figures as tongket stores them (at most four decimals)."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-9:  # nothing to spread (figures carry at most 4 decimals)
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first, last = math.floor(low / step), math.ceil(high / step)
    digits = max(0, 2 - math.floor(math.log10(step)))  # drop float noise: 0.30000000000000004
    return [round(i * step, digits) for i in range(first, last + 1)]


def render_svg(spec: ChartSpec, *, width: int = 720, lang: str = "vi", ident: str = "chart") -> str:
    """The chart as an SVG element to put inline in a page or convert to an image."""
    drawing = _BarChart(spec, width, lang) if spec.kind == "bar" else _LineChart(spec, width, lang)
    return drawing.svg(ident)


class _Chart(ABC):
    """What bar and line charts share; each kind lays out its own plot."""

    def __init__(self, spec: ChartSpec, width: int, lang: str) -> None:
        self.spec, self.width, self.lang = spec, float(width), lang
        numbers = [float(v) for s in spec.series for v in s.values if v is not None]
        self.ticks = nice_ticks(min(numbers, default=0.0), max(numbers, default=0.0))
        self.parts: list[str] = []
        # Title, then the unit of measure, then the legend, each on its own line.
        self.unit_line = 38.0 if spec.unit_label else 20.0
        self.legend_line = self.unit_line + 20 if len(spec.series) > 1 else self.unit_line
        self.top = self.legend_line + 22

    @abstractmethod
    def height(self) -> float: ...

    @abstractmethod
    def draw(self) -> None: ...

    def svg(self, ident: str) -> str:
        self.draw()
        height = self.height()
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'viewBox="0 0 {self.width:.0f} {height:.0f}" width="100%" '
            f'font-family="{FONT}" font-size="12" fill="{INK}" '
            f'aria-labelledby="{ident}-title {ident}-desc">'
        )
        title = f'<title id="{ident}-title">{escape(self.spec.title)}</title>'
        desc = f'<desc id="{ident}-desc">{escape(self._description())}</desc>'
        return "".join([head, title, desc, *self._heading(), *self.parts, "</svg>"])

    def _description(self) -> str:
        """The data in words, for screen readers and for whoever cannot see the chart."""
        unit = f" ({self.spec.unit_label})" if self.spec.unit_label else ""
        lines = []
        for series in self.spec.series:
            pairs = "; ".join(
                f"{category}: {format_number(value, self.lang)}"
                for category, value in zip(self.spec.categories, series.values, strict=True)
            )
            lines.append(f"{series.name}{unit}: {pairs}.")
        return " ".join(lines)

    def _heading(self) -> list[str]:
        parts = [_text(12, 20, self.spec.title, size=14, weight="600")]
        if self.spec.unit_label:
            parts.append(_text(12, self.unit_line, self.spec.unit_label, fill=MUTED))
        if len(self.spec.series) > 1:
            x = 12.0
            for index, series in enumerate(self.spec.series):
                parts.append(_rect(x, self.legend_line - 9, 10, 10, _colour(index)))
                parts.append(_text(x + 14, self.legend_line, series.name))
                x += 30 + len(series.name) * CHAR_WIDTH
        return parts

    def _tick_label(self, tick: float) -> str:
        return format_number(Decimal(str(tick)), self.lang)


class _BarChart(_Chart):
    bar = 16.0
    gap = 10.0

    def __init__(self, spec: ChartSpec, width: int, lang: str) -> None:
        super().__init__(spec, width, lang)
        longest = max((len(c) for c in spec.categories), default=0)
        self.left = min(longest * CHAR_WIDTH + 20, self.width * 0.38)
        self.right = self.width - 56
        self.band = self.bar * len(spec.series) + self.gap

    def height(self) -> float:
        return self.top + self.band * len(self.spec.categories) + 30

    def x(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.left + (value - low) / (high - low) * (self.right - self.left)

    def draw(self) -> None:
        bottom = self.top + self.band * len(self.spec.categories)
        for tick in self.ticks:
            x = self.x(tick)
            self.parts.append(_line(x, self.top - 4, x, bottom, GRID))
            self.parts.append(
                _text(x, bottom + 16, self._tick_label(tick), anchor="middle", fill=MUTED)
            )
        for row, category in enumerate(self.spec.categories):
            y = self.top + row * self.band
            label = _fit(category, self.left - 14)
            self.parts.append(
                _text(self.left - 8, y + self.band / 2 + 2, label, anchor="end", full=category)
            )
            for index, series in enumerate(self.spec.series):
                self._bar(y + index * self.bar, series.values[row], index)
        self.parts.append(_line(self.x(0), self.top - 4, self.x(0), bottom, MUTED))

    def _bar(self, y: float, value: Number | None, index: int) -> None:
        zero = self.x(0)
        if value is None:
            self.parts.append(_text(zero + 4, y + self.bar - 4, NO_VALUE, fill=MUTED))
            return
        end = self.x(float(value))
        self.parts.append(
            _rect(min(zero, end), y + 1, abs(end - zero), self.bar - 2, _colour(index))
        )
        label, anchor = format_number(value, self.lang), "start" if end >= zero else "end"
        offset = 4 if end >= zero else -4
        self.parts.append(_text(end + offset, y + self.bar - 4, label, anchor=anchor))


class _LineChart(_Chart):
    def __init__(self, spec: ChartSpec, width: int, lang: str) -> None:
        super().__init__(spec, width, lang)
        # Room for the first and last category labels, centred on their points.
        half_label = max((len(c) for c in spec.categories), default=0) * CHAR_WIDTH / 2
        self.left = max(64.0, half_label + 8)
        self.right = self.width - max(24.0, half_label + 8)
        self.bottom = self.top + 220

    def height(self) -> float:
        return self.bottom + 34

    def x(self, index: int) -> float:
        count = len(self.spec.categories)
        if count == 1:
            return (self.left + self.right) / 2
        return self.left + index * (self.right - self.left) / (count - 1)

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.bottom - (value - low) / (high - low) * (self.bottom - self.top)

    def draw(self) -> None:
        for tick in self.ticks:
            y = self.y(tick)
            self.parts.append(_line(self.left, y, self.right, y, MUTED if tick == 0 else GRID))
            self.parts.append(
                _text(self.left - 8, y + 4, self._tick_label(tick), anchor="end", fill=MUTED)
            )
        self._category_labels()
        label_points = len(self.spec.series) == 1 and len(self.spec.categories) <= 12
        for index, series in enumerate(self.spec.series):
            self._series(series, _colour(index), label_points)

    def _category_labels(self) -> None:
        categories = self.spec.categories
        widest = max((len(c) for c in categories), default=1) * CHAR_WIDTH + 8
        room = (self.right - self.left) / max(len(categories), 1)
        every = max(1, math.ceil(widest / room)) if len(categories) > 1 else 1
        for index, category in enumerate(categories):
            if index % every == 0:
                x = self.x(index)
                self.parts.append(_text(x, self.bottom + 18, category, anchor="middle", fill=MUTED))

    def _series(self, series: Series, colour: str, label_points: bool) -> None:
        run: list[tuple[float, float]] = []
        for index, value in enumerate([*series.values, None]):
            if value is None:
                if len(run) > 1:
                    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                    self.parts.append(
                        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
                    )
                run = []
                continue
            point = (self.x(index), self.y(float(value)))
            run.append(point)
            category = self.spec.categories[index]
            tip = f"{series.name} · {category}: {format_number(value, self.lang)}"
            self.parts.append(
                f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(tip)}</title></circle>"
            )
            if label_points:
                label = format_number(value, self.lang)
                self.parts.append(_text(point[0], point[1] - 8, label, anchor="middle"))


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _fit(text: str, room: float) -> str:
    """The text, cut with an ellipsis where it would overflow `room` pixels."""
    fits = int(room / CHAR_WIDTH)
    return text if len(text) <= fits else text[: max(fits - 1, 1)].rstrip() + "…"


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int | None = None,
    weight: str | None = None,
    fill: str | None = None,
    full: str | None = None,
) -> str:
    attributes = [f'x="{x:.1f}"', f'y="{y:.1f}"']
    if anchor != "start":
        attributes.append(f'text-anchor="{anchor}"')
    if size:
        attributes.append(f'font-size="{size}"')
    if weight:
        attributes.append(f'font-weight="{weight}"')
    if fill:
        attributes.append(f"fill={quoteattr(fill)}")
    tooltip = f"<title>{escape(full)}</title>" if full and full != text else ""
    return f"<text {' '.join(attributes)}>{tooltip}{escape(text)}</text>"


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}"/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"/>'
