"""Opinion notes: what you think about a subject, and how it changed (issue 5)."""
from __future__ import annotations


class OpinionsMixin:
    """Store methods for the `opinions` table; mixed into journal.store.Store."""
