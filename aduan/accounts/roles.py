"""Staff roles (DESIGN §4). The reporter is not a user: they hold a receipt."""

from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Koordinator pengelola pengaduan"
    AGENCY_OFFICER = "agency_officer", "Admin penghubung OPD"
    AGENCY_HEAD = "agency_head", "Kepala OPD"
    WBS_OFFICER = "wbs_officer", "Petugas WBS Inspektorat"
    CUSTODIAN = "custodian", "Kustodian identitas"
    SUPERVISOR = "supervisor", "Pimpinan (Sekda)"
    AUDITOR = "auditor", "Auditor"
    SYSADMIN = "sysadmin", "Administrator sistem"


# Roles that belong to one agency and see only that agency's work.
AGENCY_ROLES = frozenset({Role.AGENCY_OFFICER, Role.AGENCY_HEAD})
