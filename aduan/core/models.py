"""The audit log: append-only and hash-chained, so a removed or edited record is detectable."""

from django.db import models


class AuditRecord(models.Model):
    """Who did what to which object, when. Never holds identity data or report content:
    `target` names an object ("case:ADU-2026-7K4Q9M"), `details` carries codes and counts."""

    at = models.DateTimeField(db_index=True)
    actor = models.CharField(max_length=150)  # username, "reporter", "system" or "anonymous"
    actor_role = models.CharField(max_length=32, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target = models.CharField(max_length=120, blank=True, db_index=True)
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    record_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "catatan audit"
        verbose_name_plural = "catatan audit"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target}"
