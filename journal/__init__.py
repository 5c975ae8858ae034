"""netjournal's domain: models, the crash-safe store, queries and reviews.

This package never imports Textual: the command line's fast subcommands and the
tests rely on that (checked by tests/test_layering.py in a separate process).
"""
