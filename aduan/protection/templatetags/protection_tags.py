"""The protection deadline badge: calendar days (the policy counts calendar days), in words and
colour, never colour alone."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

register = template.Library()


def calendar_due_state(days: int | None) -> tuple[str, str]:
    if days is None:
        return "due-none", gettext("sudah diputuskan")
    if days < 0:
        late = -days
        return "due-overdue", ngettext("Lewat %(n)s hari", "Lewat %(n)s hari", late) % {"n": late}
    if days == 0:
        return "due-soon", gettext("Jatuh tempo hari ini")
    css = "due-soon" if days <= 2 else "due-ok"
    return css, ngettext("Sisa %(n)s hari", "Sisa %(n)s hari", days) % {"n": days}


@register.simple_tag
def protection_badge(days) -> str:
    css, text = calendar_due_state(days)
    return format_html('<span class="badge {}">{}</span>', css, text)
