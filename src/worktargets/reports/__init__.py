"""Reports for the supervision office: pure functions of catalogue, timelines and as-of date.

A target's history reaches them as its ``ledger.Timeline`` (the ledger's aggregate after
each day with entries), so the state at any past date is a lookup, not a re-read.

Each module computes one report value (gaps, overdue, forecast, owners, snails, bulletin);
the renderers in ``render/report_views.py`` turn it into a table, JSON, CSV or Markdown.
Nothing here reads files or the clock: the as-of date is always an argument, and only
entries dated on or before it count.
"""
