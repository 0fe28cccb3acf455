"""Parsers: locate the nine tables, read their rows, assign columns, read narrative and projects."""
