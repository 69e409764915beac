"""Analytics and reports (E1, E2): metrics read from the networks as time series, daily
rollups kept up to date as readings arrive, the reports page (charts, accessible tables,
CSV) and the monthly PDF.

``models`` (points, latest values, rollups, report runs), ``reader`` (the worker's
schedule: which publications and accounts to read, and reading them), ``rollups``
(folding a reading into the daily rollups), ``figures`` (what the reports show, computed
from rollups and small tables, never from raw points), ``svg`` (server-drawn charts for
the PDF), ``pdf`` (the monthly report), ``views``.
"""
