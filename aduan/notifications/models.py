from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    CASE_EVENT = "case_event", "Peristiwa laporan"
    DEADLINE_REMINDER = "deadline_reminder", "Pengingat tenggat"
    DEADLINE_MISSED = "deadline_missed", "Tenggat terlewati"
    ESCALATED = "escalated", "Eskalasi"
    PROTECTION = "protection", "Perlindungan pelapor"


class Notification(models.Model):
    """An in-app notice for one staff member about one case event or one step of the deadline
    ladder. Content-free: it names the case and the action, never the report text or the
    reporter."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(
        "cases.CaseEvent", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Set for the deadline ladder's notices (written in bulk by the sweep).
    alert = models.ForeignKey(
        "sweeps.DeadlineAlert", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        max_length=24, choices=NotificationKind.choices, default=NotificationKind.CASE_EVENT
    )
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="notification_once_per_event"),
            models.UniqueConstraint(
                fields=["user", "alert"],
                condition=models.Q(alert__isnull=False),
                name="notification_once_per_alert",
            ),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.message


class Channel(models.TextChoices):
    """How an outbound message travels: e-mail through Django's MAILERS, SMS and WhatsApp
    through the gateways their settings name (aduan.notifications.gateways)."""

    EMAIL = "email", "E-mail"
    SMS = "sms", "SMS"
    WHATSAPP = "whatsapp", "WhatsApp"


class OutboundStatus(models.TextChoices):
    PENDING = "pending", "Menunggu"
    SENT = "sent", "Terkirim"
    FAILED = "failed", "Gagal"


class OutboundMessage(models.Model):
    """One message to leave the system (the outbox), delivered by the worker with retries.

    Holds no identity and no content: the recipient's address is opened from the sealed
    ReporterIdentity (or read from the staff user's account) only at delivery time, and the text
    is rendered from `template` (aduan.notifications.content) at that moment. `last_error` is an
    exception class name, never a message, because transport errors often quote the address.
    """

    channel = models.CharField(max_length=16, choices=Channel.choices)
    template = models.CharField(max_length=64)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "cases.CaseEvent", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A staff recipient (deadline notices, the daily digest): the address is the user's e-mail,
    # read at delivery time. Reporter messages leave this empty.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The WITA day a daily digest covers (one digest per officer per day).
    digest_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=OutboundStatus.choices, default=OutboundStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the next try may happen; null once sent or given up.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "pesan keluar"
        verbose_name_plural = "pesan keluar"
        constraints = [
            # One event never produces the same message twice (tasks may run twice).
            models.UniqueConstraint(
                fields=["event", "channel", "template"], name="outbound_once_per_event"
            ),
            models.UniqueConstraint(
                fields=["notification", "channel"],
                condition=models.Q(notification__isnull=False),
                name="outbound_once_per_notification",
            ),
            models.UniqueConstraint(
                fields=["user", "template", "digest_date"],
                condition=models.Q(digest_date__isnull=False),
                name="outbound_one_digest_per_day",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbound_due_idx")]

    def __str__(self) -> str:  # never the recipient
        return f"{self.channel}:{self.template} #{self.pk} ({self.status})"
