"""Server-rendered SVG charts: no JavaScript, scale to the phone's width (viewBox, width 100 %), and always
drawn beside a table holding the same figures (the table is the accessible version; the SVG carries a
title and `role="img"`). Pure Python: text in, markup out, every label escaped."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
# Colour-blind-safe (Okabe–Ito) and told apart by dash patterns too, so a printout in grey still reads.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DASHES = ("", "6 3", "2 2", "8 3 2 3", "1 3", "4 4")


def _svg(height: float, title: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="11">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def bar_chart(title: str, items: list[tuple[str, float | None]], *, target: float | None = None,
              maximum: float = 100.0, unit: str = "%") -> SafeString:  # fmt: skip
    """Horizontal bars, one per item, the label above its bar (long agency names fit a phone);
    `None` draws "không có dữ liệu"; `target` draws a dashed line with its value."""
    row = 34
    height = 14 + row * max(len(items), 1)
    left, span = 4, WIDTH - 48
    body = []
    if not items:
        body.append(f'<text x="{left}" y="28" fill="#666">Chưa có dữ liệu</text>')
    for i, (label, value) in enumerate(items):
        y = 10 + i * row
        body.append(f'<text x="{left}" y="{y + 9}" fill="#222">{escape(_short(label, 52))}</text>')
        body.append(f'<rect x="{left}" y="{y + 13}" width="{span}" height="12" fill="#eef1f5"/>')
        if value is None:
            body.append(f'<text x="{left + 4}" y="{y + 23}" fill="#666">không có dữ liệu</text>')
            continue
        w = span * max(0.0, min(value, maximum)) / maximum
        body.append(f'<rect x="{left}" y="{y + 13}" width="{w:.1f}" height="12" fill="{COLOURS[0]}"/>')
        body.append(
            f'<text x="{left + span + 4}" y="{y + 23}" fill="#222">{_num(value)}{escape(unit)}</text>'
        )
    if target is not None:
        x = left + span * target / maximum
        body.append(
            f'<line x1="{x:.1f}" y1="6" x2="{x:.1f}" y2="{height - 4}" stroke="{COLOURS[1]}" '
            f'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    return _svg(height, title, body)


def line_chart(title: str, x_labels: list[str], series: list[tuple[str, list[float | None]]], *,
               maximum: float = 100.0, unit: str = "%") -> SafeString:  # fmt: skip
    """Lines over the x labels (months); gaps where a value is None; a legend under the plot."""
    top, plot_h, left, right = 10, 130, 40, WIDTH - 12
    legend_rows = len(series)
    height = top + plot_h + 22 + 16 * legend_rows
    step = (right - left) / max(len(x_labels) - 1, 1)
    body = []
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / maximum)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{tick}{escape(unit)}</text>'
        )
    # Every other label or so, counted back from the last month so the latest one is always named, and the
    # last one anchored at its end so it stays inside the picture.
    every = max(1, -(-len(x_labels) // 6))
    last = len(x_labels) - 1
    for i, label in enumerate(x_labels):
        if (last - i) % every == 0:
            x = left + i * step
            anchor = "end" if i == last and i else "middle"
            body.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="{anchor}" fill="#555">{escape(label)}</text>'
            )
    for n, (name, values) in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        runs, current = [], []
        for i, value in enumerate(values):
            if value is None:
                if current:
                    runs.append(current)
                current = []
                continue
            current.append((left + i * step, top + plot_h * (1 - min(value, maximum) / maximum)))
        if current:
            runs.append(current)
        for run in runs:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            body.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-dasharray="{dash}"/>'
            )
            body.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>' for x, y in run)
        lx = 4
        ly = top + plot_h + 32 + 16 * n
        body.append(
            f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{colour}" stroke-width="2" '
            f'stroke-dasharray="{dash}"/><text x="{lx + 22}" y="{ly}" fill="#222">{escape(_short(name, 48))}</text>'
        )
    return _svg(height, title, body)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
