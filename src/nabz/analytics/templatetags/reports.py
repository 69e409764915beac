"""``{{ table.chart|chart_json }}``: a chart's numbers for a ``data-chart`` attribute (the
page has no inline script; reports.js reads the attribute)."""

from __future__ import annotations

import json

from django import template

register = template.Library()


@register.filter
def chart_json(chart: object) -> str:
    return json.dumps(chart or {}, ensure_ascii=False)  # autoescaped into the attribute
