"""Server-side SVG charts for the statistics and ranking pages: no script, no network, printable.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by a ``<desc>``; the page shows the
same numbers in a table next to it, so nothing is only in the picture. Series differ by colour *and* by line
style and marker shape, so they stay apart on a grey-scale print. Numbers follow the active language (a decimal
comma in Vietnamese)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 1000
LABEL_CHARS = 30
MARKERS = ("circle", "square", "triangle", "diamond", "circle-open", "square-open")
DASHES = ("", "10 6", "3 5", "14 5 3 5", "6 3", "1 4")


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int
    highlight: bool = False


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal | int]


def number_text(*, value: Decimal | int) -> str:
    """Up to two decimals, none when whole, thousands grouped, in the active language's notation (3.678)."""
    return floatformat(value, "-2g")


def _short(*, text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _nice_top(*, value: Decimal) -> Decimal:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 × a power of ten)."""
    if value <= 0:
        return Decimal(1)
    scale = Decimal(1)
    while scale * 10 <= value:
        scale *= 10
    while scale > value:
        scale /= 10
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if scale * step >= value:
            return scale * step
    return scale * 10


def _frame(*, chart_id: str, title: str, description: str, height: int, body: SafeString, css: str) -> SafeString:
    return format_html(
        '<svg class="chart {}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        css,
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    unit: str = "",
    maximum: Decimal | int | None = None,
) -> SafeString:
    """Horizontal bars, one per row, the value written after each bar; ``maximum`` fixes the scale (e.g. 100
    for percentages, the sheet's maximum points), else the largest value sets it."""
    row, label_w, value_w = 46, 380, 130
    track = WIDTH - label_w - value_w
    top = Decimal(maximum) if maximum else _nice_top(value=max((Decimal(b.value) for b in bars), default=Decimal(0)))
    rows = []
    for index, bar in enumerate(bars):
        y = index * row + 4
        share = min(max(Decimal(bar.value) / top, Decimal(0)), Decimal(1)) if top else Decimal(0)
        rows.append(
            (
                y + 29,
                _short(text=bar.label),
                bar.label,
                label_w,
                y + 8,
                track,
                label_w,
                y + 8,
                f"{track * share:.1f}",
                "bar-fill bar-highlight" if bar.highlight else "bar-fill",
                label_w + track + 12,
                y + 29,
                f"{number_text(value=bar.value)}{unit}",
            )
        )
    body = format_html_join(
        "",
        '<g><text x="0" y="{}" class="chart-label">{}<title>{}</title></text>'
        '<rect x="{}" y="{}" width="{}" height="30" rx="4" class="bar-track"/>'
        '<rect x="{}" y="{}" width="{}" height="30" rx="4" class="{}"/>'
        '<text x="{}" y="{}" class="chart-value">{}</text></g>',
        rows,
    )
    return _frame(
        chart_id=chart_id,
        title=title,
        description=description,
        height=max(len(bars), 1) * row + 8,
        body=body,
        css="bar-chart",
    )


def _marker(*, kind: str, x: float, y: float, css: str, tip: str) -> SafeString:
    shapes = {
        "circle": '<circle cx="{x}" cy="{y}" r="7" class="{css}"><title>{tip}</title></circle>',
        "circle-open": '<circle cx="{x}" cy="{y}" r="7" class="{css} open"><title>{tip}</title></circle>',
        "square": '<rect x="{x0}" y="{y0}" width="13" height="13" class="{css}"><title>{tip}</title></rect>',
        "square-open": '<rect x="{x0}" y="{y0}" width="13" height="13" class="{css} open"><title>{tip}</title></rect>',
        "triangle": '<path d="M{x} {t} L{r} {b} L{l} {b} Z" class="{css}"><title>{tip}</title></path>',
        "diamond": '<path d="M{x} {t} L{r} {y} L{x} {b} L{l} {y} Z" class="{css}"><title>{tip}</title></path>',
    }
    return format_html(
        shapes[kind],
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        x0=f"{x - 6.5:.1f}",
        y0=f"{y - 6.5:.1f}",
        t=f"{y - 8:.1f}",
        b=f"{y + 7:.1f}",
        l=f"{x - 8:.1f}",
        r=f"{x + 8:.1f}",
        css=css,
        tip=tip,
    )


def line_chart(
    *, chart_id: str, title: str, description: str, categories: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """Lines over categories (years), a gridded value axis from zero, and a legend under the plot."""
    left, right, top_y, plot_h = 70, 30, 20, 300
    legend_row = 34
    legend_y = top_y + plot_h + 60
    height = legend_y + legend_row * ((len(series) + 1) // 2) + 10
    plot_w = WIDTH - left - right
    # Counts: an axis of at least 0-5, so small figures do not get fractional grid lines.
    peak = _nice_top(value=max((Decimal(v) for s in series for v in s.values), default=Decimal(5)).max(Decimal(5)))
    divisions = 4 if peak.scaleb(-peak.adjusted()) == 2 else 5
    step_x = plot_w / max(len(categories) - 1, 1)

    def x_at(index: int) -> float:
        return left + (index * step_x if len(categories) > 1 else plot_w / 2)

    def y_at(value: Decimal | int) -> float:
        return top_y + plot_h - float(Decimal(value) / peak) * plot_h

    parts = []
    for tick in range(divisions + 1):
        value = peak * tick / divisions
        y = y_at(value)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-grid"/>'
                '<text x="{}" y="{}" class="chart-axis" text-anchor="end">{}</text>',
                left,
                WIDTH - right,
                f"{y:.1f}",
                f"{y:.1f}",
                left - 10,
                f"{y + 7:.1f}",
                number_text(value=value),
            )
        )
    for index, category in enumerate(categories):
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-axis" text-anchor="middle">{}</text>',
                f"{x_at(index):.1f}",
                top_y + plot_h + 32,
                category,
            )
        )
    for number, line in enumerate(series):
        css = f"series-{number % len(MARKERS)}"
        points = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(line.values))
        parts.append(
            format_html(
                '<polyline points="{}" class="chart-line {}" stroke-dasharray="{}"/>',
                points,
                css,
                DASHES[number % len(DASHES)] or "none",
            )
        )
        kind = MARKERS[number % len(MARKERS)]
        parts.extend(
            _marker(
                kind=kind,
                x=x_at(i),
                y=y_at(v),
                css=f"chart-marker {css}",
                tip=f"{line.label} · {categories[i]}: {number_text(value=v)}",
            )
            for i, v in enumerate(line.values)
        )
        lx = left + (number % 2) * (plot_w / 2)
        ly = legend_y + (number // 2) * legend_row
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-line {}" stroke-dasharray="{}"/>{}'
                '<text x="{}" y="{}" class="chart-label">{}</text>',
                f"{lx:.1f}",
                f"{lx + 48:.1f}",
                ly,
                ly,
                css,
                DASHES[number % len(DASHES)] or "none",
                _marker(kind=kind, x=lx + 24, y=ly, css=f"chart-marker {css}", tip=line.label),
                f"{lx + 60:.1f}",
                ly + 8,
                line.label,
            )
        )
    return _frame(
        chart_id=chart_id,
        title=title,
        description=description,
        height=height,
        body=mark_safe("".join(parts)),
        css="line-chart",
    )
