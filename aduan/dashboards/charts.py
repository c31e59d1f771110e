"""Bar charts drawn on the server as SVG geometry (no script, nothing from outside).

Pure: values in, rectangles and text positions out; the templates in
dashboards/includes/ turn them into <svg> elements. Every chart comes with a table of the same
numbers on the page (the text alternative), so colour and shape never carry meaning alone.
"""

from __future__ import annotations

from dataclasses import dataclass

SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
TICKS = (0, 25, 50, 75, 100)


def number_text(value: float | None, empty: str = "tanpa data") -> str:
    if value is None:
        return empty
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    text_x: float
    text_y: float
    empty: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    # Plot area, for the axis and the grid lines.
    left: float
    top: float
    right: float
    bottom: float


def horizontal_bars(
    items: list[tuple[str, float | None]],
    *,
    maximum: float = 100,
    label_width: int = 150,
    plot_width: int = 420,
    row_height: int = 20,
) -> Chart:
    """One row per item: label on the left, bar, the value after the bar."""
    top, gap = 8, 4
    left, right = label_width, label_width + plot_width
    bottom = top + row_height * len(items)
    bars = []
    for index, (label, value) in enumerate(items):
        y = top + index * row_height
        width = 0.0 if value is None else plot_width * max(0.0, min(value, maximum)) / maximum
        bars.append(
            Bar(
                label=label,
                text=number_text(value),
                x=left,
                y=y + gap / 2,
                width=round(width, 1),
                height=row_height - gap,
                label_x=left - 6,
                label_y=y + row_height / 2 + 4,
                text_x=round(left + width + 4, 1),
                text_y=y + row_height / 2 + 4,
                empty=value is None,
            )
        )
    ticks = [Tick(round(left + plot_width * t / maximum, 1), str(t)) for t in TICKS]
    return Chart(
        width=right + 70,
        height=bottom + 22,
        bars=bars,
        ticks=ticks,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
    )


def column_bars(
    items: list[tuple[str, float | None]],
    *,
    maximum: float = 100,
    slot_width: int = 56,
    plot_height: int = 160,
) -> Chart:
    """One column per item (months, oldest first): value above the column, label below."""
    left, top = 34, 18
    bottom = top + plot_height
    bars = []
    for index, (label, value) in enumerate(items):
        x = left + index * slot_width
        height = 0.0 if value is None else plot_height * max(0.0, min(value, maximum)) / maximum
        bars.append(
            Bar(
                label=label,
                text=number_text(value, empty="-"),
                x=x + 10,
                y=round(bottom - height, 1),
                width=slot_width - 20,
                height=round(height, 1),
                label_x=x + slot_width / 2,
                label_y=bottom + 16,
                text_x=x + slot_width / 2,
                text_y=round(bottom - height - 4, 1),
                empty=value is None,
            )
        )
    right = left + slot_width * len(items)
    ticks = [Tick(round(bottom - plot_height * t / maximum, 1), str(t)) for t in TICKS]
    return Chart(
        width=right + 8,
        height=bottom + 26,
        bars=bars,
        ticks=ticks,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
    )


def month_short(year: int, month: int) -> str:
    return f"{SHORT_MONTHS[month - 1]} {year % 100:02d}"
