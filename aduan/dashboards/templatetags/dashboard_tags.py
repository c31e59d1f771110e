"""Numbers on the dashboard pages: Indonesian decimal comma, a dash when there is no figure."""

from django import template

from ..charts import number_text

register = template.Library()


@register.filter
def figure(value) -> str:
    """12.5 -> "12,5"; None -> "—"."""
    return number_text(value, empty="—")


@register.filter
def percent(value) -> str:
    """12.5 -> "12,5 %"; None -> "—"."""
    return "—" if value is None else f"{number_text(value)} %"


@register.filter
def kilobytes(size: int) -> str:
    return f"{max(1, round((size or 0) / 1024))} KB"
