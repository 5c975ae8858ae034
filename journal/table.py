"""A TinyDB Table whose writes touch only the documents they change.

TinyDB's Table._update_table copies the whole table twice per write (string
ids to int ids and back), about a third of a save's time on a large journal.
Its updaters (insert, update, remove) only get, set, pop and test single ids,
so they can work on a view that converts ids on the fly over the stored dict.
The file format and TinyDB's API are unchanged.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping

from tinydb.table import Table

from .unread import UnreadTable


class _IntKeyView(MutableMapping):
    """The stored table ({"12": doc}) seen with int ids, as TinyDB's updaters expect.

    Every document handed out, set or deleted is marked in `touched`: an
    updater may change a document it got in place, and the storage must not
    reuse that document's old bytes (pieces.Layout).
    """

    def __init__(self, raw: dict, touched: set[str]):
        self.raw = raw
        self.touched = touched

    def __getitem__(self, doc_id: int):
        key = str(doc_id)
        self.touched.add(key)
        return self.raw[key]

    def __setitem__(self, doc_id: int, doc) -> None:
        key = str(doc_id)
        self.touched.add(key)
        self.raw[key] = doc

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        self.touched.add(key)
        del self.raw[key]

    def __contains__(self, doc_id) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class InPlaceTable(Table):
    def _get_next_id(self) -> int:
        # TinyDB's takes max(int(id) for id in table) with a generator, 9 ms
        # at 10,000 encounters, and would read an UnreadTable through.
        if self._next_id is None:
            stored = (self._storage.read() or {}).get(self.name)
            if stored is None:
                self._next_id = 1
            elif isinstance(stored, UnreadTable) and stored.is_unread:
                self._next_id = stored.next_id()
            else:
                self._next_id = max(map(int, stored), default=0) + 1
        next_id = self._next_id
        self._next_id = next_id + 1
        return next_id

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        tables = self._storage.read() or {}
        raw = tables.setdefault(self.name, {})
        touched = self._storage.touched(self.name) if hasattr(self._storage, "touched") else set()
        updater(_IntKeyView(raw, touched))
        self._storage.write(tables)
        self.clear_cache()
