"""Budget-disclosure ingest: readers → table parsers → raw CSV writers."""

__version__ = "0.1.0"
