"""Chart geometry: bars proportional to the value, clamped, empty values drawn as text only."""

from aduan.dashboards.charts import column_bars, horizontal_bars, month_short


def test_horizontal_bars():
    chart = horizontal_bars([("A", 100.0), ("B", 25.0), ("C", None), ("D", 140.0)], plot_width=400)
    widths = [bar.width for bar in chart.bars]
    assert widths == [400.0, 100.0, 0.0, 400.0]
    assert [bar.text for bar in chart.bars] == ["100", "25", "tanpa data", "140"]
    assert chart.bars[2].empty and not chart.bars[0].empty
    assert [tick.text for tick in chart.ticks] == ["0", "25", "50", "75", "100"]
    assert chart.bars[1].y > chart.bars[0].y and chart.height > chart.bars[-1].y


def test_column_bars():
    chart = column_bars([("Jan 26", 50.0), ("Feb 26", 66.7), ("Mar 26", None)], plot_height=100)
    assert [bar.height for bar in chart.bars] == [50.0, 66.7, 0.0]
    assert chart.bars[0].y == chart.bottom - 50
    assert [bar.text for bar in chart.bars] == ["50", "66,7", "-"]
    assert month_short(2026, 5) == "Mei 26"
