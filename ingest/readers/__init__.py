"""Readers turn a source file into numbered lines for the parsers."""
