from django.conf import settings
from django.db import models


class Notification(models.Model):
    """An in-app notice for one staff member about one case event. Content-free: it names the
    case and the action, never the report text or the reporter."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey("cases.CaseEvent", on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="notification_once_per_event")
        ]

    def __str__(self) -> str:
        return self.message


class Channel(models.TextChoices):
    """How an outbound message travels. SMS and WhatsApp gateways come later behind the same
    outbox; only e-mail is delivered today."""

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
    ReporterIdentity only at delivery time, and the text comes from `template`
    (aduan.notifications.content). `last_error` is an exception class name, never a message,
    because transport errors often quote the address.
    """

    channel = models.CharField(max_length=16, choices=Channel.choices)
    template = models.CharField(max_length=64)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "cases.CaseEvent", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
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
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbound_due_idx")]

    def __str__(self) -> str:  # never the recipient
        return f"{self.channel}:{self.template} #{self.pk} ({self.status})"
