"""Small text charts for the weekly review: labelled bars and a 12-week strip."""
from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tui.widgets.literal import cell

_BLOCKS = " ▁▂▃▄▅▆▇█"


def bars(rows: Iterable[tuple[str, int]], *, label_width: int = 12, bar_width: int = 24, style: str = "") -> Text:
    """One line per (label, count): the label, a bar scaled to the largest count, the count."""
    rows = list(rows)
    top = max((count for _, count in rows), default=0)
    chart = Text()
    for label, count in rows:
        length = round(bar_width * count / top) if top else 0
        chart.append(cell(label, label_width))
        chart.append(" ")
        chart.append("█" * length, style=style or "bold")
        chart.append(f" {count}\n" if count else " ·\n", style="dim" if not count else "")
    return chart


def strip(counts: list[int]) -> str:
    """A sparkline: one block per value, height relative to the largest."""
    top = max(counts, default=0)
    if not top:
        return "▁" * len(counts)
    return "".join(_BLOCKS[max(1, round(8 * c / top))] if c else "▁" for c in counts)
