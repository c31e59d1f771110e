"""The back-office menu: the items a role needs, the current one marked (aria-current)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aduan.accounts.roles import Role

STAFF_PREFIX = "/staf/"


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


# (url name in the "staff" namespace, label, url names that make the item current).
_QUEUE = ("queue", _("Antrean verifikasi"), {"queue"})
_LIST = ("case_list", _("Daftar laporan"), {"case_list"})
_INBOX = ("inbox", _("Kotak masuk disposisi"), {"inbox"})
_INTAKE = ("intake", _("Catat laporan"), {"intake"})
_HOME = ("home", _("Beranda"), {"home"})

ITEMS_BY_ROLE = {
    Role.COORDINATOR: (_QUEUE, _LIST, _INTAKE),
    Role.WBS_OFFICER: (_QUEUE, _LIST, _INBOX),
    Role.AGENCY_OFFICER: (_INBOX, _LIST),
    Role.AGENCY_HEAD: (_INBOX, _LIST),
    Role.SUPERVISOR: (_LIST,),
    Role.CUSTODIAN: (_HOME,),
    Role.AUDITOR: (_HOME,),
    Role.SYSADMIN: (_HOME,),
}


def nav_items(role: str, current_name: str) -> list[NavItem]:
    items = [
        NavItem(label=str(label), url=reverse(f"staff:{name}"), current=current_name in names)
        for name, label, names in ITEMS_BY_ROLE.get(role, ())
    ]
    if role == Role.SYSADMIN:
        items.append(NavItem(label=str(_("Administrasi sistem")), url="/admin/", current=False))
    return items


def staff_nav(request) -> dict:
    """Only on back-office pages: the public site never touches the session for this."""
    if not request.path.startswith(STAFF_PREFIX):
        return {}
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    if not role:
        return {"staff_nav": []}
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match and match.namespace == "staff" else ""
    return {"staff_nav": nav_items(role, current)}
