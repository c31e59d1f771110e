"""Bookkeeping of the periodic sweep: which ladder steps were taken, and each run.

A `DeadlineAlert` row is the mark that one step of the escalation ladder (reminder, missed,
escalated) was taken for one deadline. Its unique constraints make every step happen once per
deadline, whatever the number of sweeps or workers; a deadline that moves (objection reopens,
holiday added) is a new deadline with its own ladder.
"""

from django.db import models

from aduan.agencies.models import Stage


class LadderStep(models.TextChoices):
    REMINDER = "reminder", "Pengingat sebelum tenggat"
    MISSED = "missed", "Tenggat terlewati (kepala OPD)"
    ESCALATED = "escalated", "Eskalasi (Sekda dan Inspektorat)"


class DeadlineAlert(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(
        "cases.Assignment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The agency that owes the deadline (the coordinating agency for verification).
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=24, choices=Stage.choices)
    step = models.CharField(max_length=16, choices=LadderStep.choices)
    due_at = models.DateTimeField()
    # The ladder threshold this step used, in working days (before for a reminder, after for
    # an escalation), from the case's SLA policy at the time.
    threshold_days = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    run = models.ForeignKey("SweepRun", on_delete=models.PROTECT, related_name="alerts")

    class Meta:
        verbose_name = "peringatan tenggat"
        verbose_name_plural = "peringatan tenggat"
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "stage", "step", "due_at"],
                condition=models.Q(assignment__isnull=False),
                name="alert_once_per_assignment_step",
            ),
            models.UniqueConstraint(
                fields=["case", "stage", "step", "due_at"],
                condition=models.Q(assignment__isnull=True),
                name="alert_once_per_case_step",
            ),
        ]
        indexes = [models.Index(fields=["run", "step"])]

    def __str__(self) -> str:
        return f"{self.step} {self.stage} laporan #{self.case_id}"


class SweepRun(models.Model):
    """One run of the sweep: when, as of which moment, and what each duty did."""

    started_at = models.DateTimeField("mulai")
    as_of = models.DateTimeField("per waktu")
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    counts = models.JSONField("hasil", default=dict, blank=True)
    triggered_by = models.CharField("dijalankan oleh", max_length=40, default="command")

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "sapuan berkala"
        verbose_name_plural = "sapuan berkala"

    def __str__(self) -> str:
        return f"sapuan #{self.pk} per {self.as_of:%Y-%m-%d %H:%M}"


class DutyLock(models.Model):
    """One row per duty; a worker holds it (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL)
    while it runs that duty, so two workers never run the same duty at once."""

    name = models.CharField(max_length=40, primary_key=True)

    def __str__(self) -> str:
        return self.name
