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


# (namespaced url name, label, url names that make the item current).
_QUEUE = ("staff:queue", _("Antrean verifikasi"), {"staff:queue"})
_LIST = ("staff:case_list", _("Daftar laporan"), {"staff:case_list"})
_INBOX = ("staff:inbox", _("Kotak masuk disposisi"), {"staff:inbox"})
_INTAKE = ("staff:intake", _("Catat laporan"), {"staff:intake"})
_HOME = ("staff:home", _("Beranda"), {"staff:home"})
_NOTICES = ("notifications:inbox", _("Notifikasi"), {"notifications:inbox"})
_OUTBOX = ("notifications:outbox", _("Pesan keluar"), {"notifications:outbox"})
_RANKING = ("dashboards:ranking", _("Rapor OPD"), {"dashboards:ranking", "dashboards:agency"})
# Agency staff see their own agency's scorecard (the url takes their agency code).
_OWN_SCORECARD = ("dashboards:agency", _("Rapor OPD"), {"dashboards:agency"})
_REPORTS = ("dashboards:reports", _("Laporan bulanan"), {"dashboards:reports"})
_RECORDS = ("compliance:records", _("Ketidakpatuhan"), {"compliance:records"})
_SANCTIONS = (
    "compliance:sanctions",
    _("Register sanksi"),
    {"compliance:sanctions", "compliance:sanction", "compliance:sanction_new"},
)

# Issue 6: the identity custodian's page and the Inspektorat's protection register.
_CUSTODIAN = ("staff:custodian", _("Kustodian"), {"staff:custodian"})
_PROTECTION = (
    "protection:list",
    _("Perlindungan"),
    {"protection:list", "protection:detail", "protection:nip_check"},
)

# Issue 6: the auditor's log page (its exports are downloads, not pages).
_AUDIT = ("staff:audit", _("Log audit"), {"staff:audit"})

ITEMS_BY_ROLE = {
    Role.COORDINATOR: (_QUEUE, _LIST, _INTAKE, _RANKING, _RECORDS, _NOTICES),
    Role.WBS_OFFICER: (
        _QUEUE,
        _LIST,
        _INBOX,
        _PROTECTION,
        _RANKING,
        _RECORDS,
        _SANCTIONS,
        _NOTICES,
    ),
    Role.AGENCY_OFFICER: (_INBOX, _LIST, _OWN_SCORECARD, _RECORDS, _NOTICES),
    Role.AGENCY_HEAD: (_INBOX, _LIST, _OWN_SCORECARD, _RECORDS, _SANCTIONS, _NOTICES),
    Role.SUPERVISOR: (_LIST, _RANKING, _REPORTS, _RECORDS, _SANCTIONS, _NOTICES),
    Role.CUSTODIAN: (_HOME, _CUSTODIAN, _NOTICES),
    Role.AUDITOR: (_HOME, _AUDIT, _NOTICES),
    Role.SYSADMIN: (_HOME, _OUTBOX, _NOTICES),
}


def _url(name: str, agency_code: str) -> str | None:
    if name == "dashboards:agency":
        return reverse(name, args=[agency_code]) if agency_code else None
    return reverse(name)


def nav_items(role: str, current_name: str, agency_code: str = "") -> list[NavItem]:
    items = []
    for name, label, names in ITEMS_BY_ROLE.get(role, ()):
        url = _url(name, agency_code)
        if url:
            items.append(NavItem(label=str(label), url=url, current=current_name in names))
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
    current = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
    agency = getattr(user, "agency", None)
    return {"staff_nav": nav_items(role, current, agency.code if agency else "")}
