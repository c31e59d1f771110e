from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from .roles import AGENCY_ROLES, Role


class User(AbstractUser):
    """A staff account. Every account has exactly one role; agency roles name their agency."""

    role = models.CharField("peran", max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="instansi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )

    class Meta:
        verbose_name = "pengguna staf"
        verbose_name_plural = "pengguna staf"

    def clean(self) -> None:
        super().clean()
        if self.role in AGENCY_ROLES and self.agency_id is None:
            raise ValidationError({"agency": "Peran OPD wajib memiliki instansi."})

    @property
    def is_sysadmin(self) -> bool:
        return self.role == Role.SYSADMIN
