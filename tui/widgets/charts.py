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


def columns(values: list[tuple[str, int]], *, height: int = 4, width: int = 3) -> Text:
    """A column chart `height` rows tall, eighth-block precise, labels underneath."""
    top = max((v for _, v in values), default=0)
    chart = Text()
    eighths = [round(height * 8 * v / top) if top else 0 for _, v in values]
    for row in range(height, 0, -1):
        floor = (row - 1) * 8
        for level in eighths:
            fill = min(8, max(0, level - floor))
            chart.append((_BLOCKS[fill] if fill else " ") * width, style="bold")
            chart.append(" ")
        chart.append("\n")
    for label, value in values:
        chart.append(f"{value:^{width}} ", style="bold")
    chart.append("\n")
    for label, _ in values:
        chart.append(f"{label[:width]:^{width}} ", style="dim")
    return chart
