"""Reports for the supervision office: pure functions of catalogue, history and as-of date.

Each module computes one report value (gaps, overdue, forecast, owners, snails, bulletin);
the renderers in ``render/report_views.py`` turn it into a table, JSON, CSV or Markdown.
Nothing here reads files or the clock: the as-of date is always an argument, and only
entries dated on or before it count.
"""
