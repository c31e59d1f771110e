from django.db import models


class HolidayKind(models.TextChoices):
    PUBLIC = "public", "Hari libur nasional"
    CUTI_BERSAMA = "cuti_bersama", "Cuti bersama"
    REGIONAL = "regional", "Libur daerah / keputusan khusus"


class HolidaySource(models.TextChoices):
    PACKAGE = "package", "Paket holidays (SKB 3 Menteri)"
    ADMIN = "admin", "Ditambahkan/diubah admin"


class Holiday(models.Model):
    """A date that is not a working day — or, with is_day_off=False, an admin override that
    makes a seeded holiday a working day again (late decree changes)."""

    date = models.DateField("tanggal", unique=True)
    name = models.CharField("nama", max_length=200)
    kind = models.CharField("jenis", max_length=16, choices=HolidayKind.choices)
    source = models.CharField(
        "sumber", max_length=10, choices=HolidaySource.choices, default=HolidaySource.ADMIN
    )
    is_day_off = models.BooleanField("hari libur", default=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
