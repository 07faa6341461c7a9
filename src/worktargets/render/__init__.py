"""Renderers: one report value in, text out (table, json, csv, markdown, xlsx, html)."""
