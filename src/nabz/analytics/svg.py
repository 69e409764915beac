"""Charts as SVG for the monthly PDF (WeasyPrint runs no JavaScript, so Chart.js cannot
draw there). The same chart specs as the page's: bars or lines with the value axis in the
reader's digits, right to left for Arabic and Persian (the first category on the right).

The SVG holds no words: WeasyPrint's SVG text is not shaped, so Arabic and Persian
letters would come out unjoined. The category names and the legend are HTML under the
chart (``monthly.html``), laid out in the same order as the bars."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from nabz.core.calendars import local_digits

PALETTE = ("#0f766e", "#b45309", "#1d4ed8", "#9d174d", "#4d7c0f", "#6d28d9")
WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 10, 10


def _nice(top: float) -> float:
    """A round top for the value axis, so that its quarters are round too."""
    if top <= 0:
        return 4.0
    quarter = top / 4
    magnitude = 10 ** max(0, len(str(int(quarter))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if magnitude * factor >= quarter:
            return float(magnitude * factor * 4)
    return float(magnitude * 40)


def colours(count: int) -> list[str]:
    return [PALETTE[i % len(PALETTE)] for i in range(count)]


def chart(spec: dict[str, object], language: str) -> str:
    labels = [str(x) for x in spec.get("labels") or []]  # type: ignore[attr-defined]
    datasets: Sequence[dict[str, object]] = spec.get("datasets") or []  # type: ignore[assignment]
    if not labels or not datasets:
        return ""
    rtl = language in ("ar", "fa")
    values = [float(v) for d in datasets for v in d.get("data") or [] if v is not None]  # type: ignore[attr-defined]
    top = _nice(max(values, default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    axis_x = RIGHT if rtl else LEFT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" font-family="Vazirmatn, sans-serif" font-size="11" '
        'role="img">'
    ]
    # value axis: gridlines and ticks on the reading side
    for i in range(5):
        v = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{axis_x}" x2="{axis_x + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#d4d9de" stroke-width="1"/>'
        )
        tick = local_digits(f"{v:,.0f}" if top >= 10 else f"{v:.1f}", language)
        tx = WIDTH - 2 if rtl else LEFT - 6
        parts.append(
            f'<text x="{tx}" y="{y + 4:.1f}" text-anchor="end" fill="#445">{escape(tick)}</text>'
        )
    n = len(labels)
    slot = plot_w / n
    kind = spec.get("type") or "bar"
    for d_index, dataset in enumerate(datasets):
        color = PALETTE[d_index % len(PALETTE)]
        data = list(dataset.get("data") or [])  # type: ignore[call-overload]
        points = []
        for i, raw in enumerate(data[:n]):
            if raw is None:
                continue
            value = float(raw)
            position = (n - 1 - i) if rtl else i
            height = plot_h * value / top if top else 0
            if kind == "line":
                cx = axis_x + slot * (position + 0.5)
                points.append(f"{cx:.1f},{TOP + plot_h - height:.1f}")
            else:
                bar_w = slot * 0.8 / len(datasets)
                bx = axis_x + slot * position + slot * 0.1 + bar_w * d_index
                parts.append(
                    f'<rect x="{bx:.1f}" y="{TOP + plot_h - height:.1f}" width="{bar_w:.1f}" '
                    f'height="{height:.1f}" fill="{color}"/>'
                )
        if kind == "line" and points:
            parts.append(
                f'<polyline fill="none" stroke="{color}" stroke-width="2" '
                f'points="{" ".join(points)}"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
