from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from aduan.crypto import decrypt_text, encrypt_text

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
    # TOTP second factor (aduan.crypto.totp). The secret is sealed with AES-GCM, bound to this
    # row; it exists but is unconfirmed while enrolment is in progress.
    totp_secret_enc = models.TextField("rahasia TOTP (terenkripsi)", blank=True, default="")
    totp_confirmed_at = models.DateTimeField(
        "verifikasi dua langkah aktif sejak", null=True, blank=True
    )
    # The last accepted time step: a code is never accepted twice.
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)

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

    @property
    def has_second_factor(self) -> bool:
        return self.totp_confirmed_at is not None

    def _totp_associated_data(self) -> str:
        return f"user:{self.pk}:totp"

    def get_totp_secret(self) -> str:
        return decrypt_text(self.totp_secret_enc, associated_data=self._totp_associated_data())

    def set_totp_secret(self, secret: str) -> None:
        """Seals a (new, unconfirmed) secret. The user must be saved already (pk is bound)."""
        if self.pk is None:
            raise ValueError("save the user before setting a TOTP secret")
        self.totp_secret_enc = encrypt_text(secret, associated_data=self._totp_associated_data())
        self.totp_confirmed_at = None
        self.totp_last_step = None


class RecoveryCode(models.Model):
    """A one-time code for when the authenticator is lost. Only its Argon2id hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "kode pemulihan"
        verbose_name_plural = "kode pemulihan"

    def __str__(self) -> str:
        return f"kode pemulihan #{self.pk} ({'terpakai' if self.used_at else 'belum dipakai'})"


class ApiToken(models.Model):
    """A bearer token for the staff API. Shown once; only its SHA-256 digest is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("nama", max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField("awalan", max_length=16)
    created_at = models.DateTimeField("dibuat", default=timezone.now, editable=False)
    expires_at = models.DateTimeField("berlaku sampai")
    revoked_at = models.DateTimeField("dicabut", null=True, blank=True)
    last_used_at = models.DateTimeField("terakhir dipakai", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "token API"
        verbose_name_plural = "token API"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
