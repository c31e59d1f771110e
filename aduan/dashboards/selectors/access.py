"""Who may see which scorecard (DESIGN §4). Forbidden and missing are the same NotFound."""

from __future__ import annotations

import re

from aduan.accounts.roles import AGENCY_ROLES, Role
from aduan.agencies.models import Agency
from aduan.core.errors import NotFound

from .scorecard import scored_agency

# Every agency's scorecard and the ranking.
RANKING_ROLES = frozenset({Role.SUPERVISOR, Role.COORDINATOR, Role.WBS_OFFICER})
# The monthly report for the Gubernur.
REPORT_ROLES = frozenset({Role.SUPERVISOR})
AGENCY_CODE = re.compile(r"\A[A-Za-z0-9-]{1,40}\Z")


def may_see_ranking(actor) -> bool:
    return getattr(actor, "role", "") in RANKING_ROLES


def scorecard_agency_for(actor, code: str) -> Agency:
    """The agency whose scorecard `actor` asked for: any agency for the ranking roles, only
    their own for agency heads and officers; NotFound otherwise (custodian, auditor, sysadmin,
    another agency, an unknown code)."""
    role = getattr(actor, "role", "")
    if role not in RANKING_ROLES and role not in AGENCY_ROLES:
        raise NotFound()
    if not isinstance(code, str) or not AGENCY_CODE.match(code):
        raise NotFound()
    agency = scored_agency(code.upper())
    if agency is None:
        raise NotFound()
    if role in AGENCY_ROLES and agency.pk != getattr(actor, "agency_id", None):
        raise NotFound()
    return agency
