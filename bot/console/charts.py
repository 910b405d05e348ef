"""Charts as SVG drawn on the server: no script, no third-party asset, nothing the CSP has to allow.

Labels arrive translated; every text is escaped. Colours come from one palette, distinguishable in print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#1f5f99", "#d9822b", "#3c8d40", "#b8352e", "#7a5aa6", "#6b6b6b")
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 56


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int]


def _nice_ceiling(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return value


def stacked_bars(*, title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """Columns per label (e.g. a day), each stacked from the series; a legend under the axis."""
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = _nice_ceiling(max(totals, default=0) or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(labels))
    bar = max(1.0, slot * 0.75)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for tick in range(5):
        value = top * tick // 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    every = max(1, len(labels) // 10)
    for i, label in enumerate(labels):
        x = LEFT + slot * i + (slot - bar) / 2
        y = TOP + plot_h
        for colour, s in zip(PALETTE, series, strict=False):
            height = plot_h * s.values[i] / top
            if height > 0:
                y -= height
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="{colour}">'
                    f"<title>{escape(label)} · {escape(s.label)}: {s.values[i]}</title></rect>"
                )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h + 14}" text-anchor="middle">{escape(label)}</text>'
            )
    x = LEFT
    for colour, s in zip(PALETTE, series, strict=False):
        parts.append(f'<rect x="{x}" y="{HEIGHT - 22}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{HEIGHT - 13}">{escape(s.label)}</text>')
        x += 24 + 7 * len(s.label)
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(*, title: str, items: Sequence[tuple[str, int]]) -> str:
    """One bar per item (e.g. backlog by age), the count written at its end."""
    row, label_w = 26, 150
    height = TOP + row * len(items) + 8
    top = max((count for _, count in items), default=0) or 1
    plot_w = WIDTH - label_w - RIGHT - 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" class="chart" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, (label, count) in enumerate(items):
        y = TOP + row * i
        width = plot_w * count / top
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{width:.1f}" height="16" fill="{PALETTE[0]}"/>')
        parts.append(f'<text x="{label_w + width + 6:.1f}" y="{y + 15}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)
