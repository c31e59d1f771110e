"""The text of outbound messages, by template key, rendered at delivery from the database.

Messages to reporters are content-free (DESIGN §5, issue 3 item 7): they say *that* something
changed and where to look, never what changed, which case, or who reported. Anyone who reads the
reporter's mailbox learns only that the person used the complaint service.

Messages to staff name tracking numbers, stages and deadlines and point to the back office;
they never carry report text or anything of the reporter's identity.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

REPORTER_CASE_UPDATED = "reporter_case_updated"
STAFF_NOTICE = "staff_notice"
STAFF_DAILY_DIGEST = "staff_daily_digest"
# Ladder steps that also go out by e-mail; reminders stay in the inbox and the daily digest.
EMAILED_KINDS = ("deadline_missed", "escalated")
# At most this many notices listed in one mail; the inbox has the rest.
NOTICE_LINES = 30

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
AUTOMATIC = "Pesan ini dikirim otomatis; mohon tidak membalas."


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    # The text for SMS / WhatsApp (a short line); the body when empty.
    short: str = ""

    @property
    def text(self) -> str:
        return self.short or self.body


def public_url() -> str:
    return str(getattr(settings, "ADUAN_PUBLIC_URL", DEFAULT_PUBLIC_URL)).rstrip("/")


def _reporter_case_updated(message) -> Rendered:
    site = public_url()
    return Rendered(
        subject="Pembaruan laporan Anda",
        body=(
            "Ada pembaruan pada laporan Anda. Buka "
            f"{site}/lacak dan masukkan nomor pelacakan serta kode akses untuk melihatnya.\n"
            "\n"
            "(English: There is an update on your report. Open "
            f"{site}/lacak and enter your tracking number and access code to see it.)\n"
            "\n"
            "Pesan ini dikirim otomatis; mohon tidak membalas. "
            "(This message was sent automatically; please do not reply.)\n"
        ),
        short=(
            f"Ada pembaruan pada laporan Anda. Buka {site}/lacak dengan nomor pelacakan dan "
            "kode akses Anda. Pesan otomatis."
        ),
    )


def _staff_notice(message) -> Rendered:
    """The deadline notices (missed, escalated) one sweep run wrote to one staff member, in
    one mail: the in-app notifications' own lines."""
    from .models import Notification  # models import nothing from here; keep it that way

    first = message.notification
    if first is None:
        raise LookupError("staff notice without its notification")
    notices = Notification.objects.filter(
        user_id=first.user_id, alert__run_id=first.alert.run_id, kind__in=EMAILED_KINDS
    ).order_by("kind", "pk")
    if first.alert_id is None:
        notices = Notification.objects.filter(pk=first.pk)
    lines = [" ".join(n.message.split()) for n in notices[:NOTICE_LINES]]
    total = notices.count() if len(lines) == NOTICE_LINES else len(lines)
    inbox = f"{public_url()}{reverse('notifications:inbox')}"
    more = f"\n... dan {total - len(lines)} lainnya.\n" if total > len(lines) else ""
    subject = lines[0] if total == 1 else f"{total} pemberitahuan tenggat"
    listing = "\n".join(f"- {line}" for line in lines)
    return Rendered(
        subject=f"[Aduan Kalsel] {subject}",
        body=(
            f"{listing}\n{more}\nLihat notifikasi Anda dan tindak lanjuti di {inbox}\n\n"
            f"{AUTOMATIC}\n"
        ),
        short=f"{subject}. {inbox}",
    )


def _staff_daily_digest(message) -> Rendered:
    from aduan.core import clock
    from aduan.workdays.selectors import load_calendar

    from .digest import days_words, digest_for, wita_date, wita_moment

    if message.user is None:
        raise LookupError("digest without its recipient")
    now = clock.now()
    digest = digest_for(message.user, now, load_calendar())
    day = wita_date(now)
    lines = [f"Ringkasan tenggat Anda per {wita_moment(now)}.", ""]
    sections = (
        ("Sudah lewat batas waktu", digest.overdue),
        ("Jatuh tempo hari ini atau hari kerja berikutnya", digest.due_soon),
    )
    for title, items in sections:
        if not items:
            continue
        lines.append(f"{title} ({len(items)}):")
        for item in items:
            lines.append(
                f"- {item.tracking_number} — {item.stage} — batas {wita_date(item.due_at)} "
                f"— {days_words(item.working_days_left)}"
            )
        lines.append("")
    if digest.more:
        lines += [f"… dan {digest.more} lainnya.", ""]
    if not digest.items:
        lines += ["Saat ini tidak ada tenggat yang lewat atau segera jatuh tempo.", ""]
    lines += [f"Buka {public_url()}{reverse('staff:home')} untuk menindaklanjuti.", "", AUTOMATIC]
    count = len(digest.items) + digest.more
    return Rendered(
        subject=f"[Aduan Kalsel] Ringkasan tenggat {day}",
        body="\n".join(lines) + "\n",
        short=f"Ringkasan tenggat {day}: {count} butir. {public_url()}{reverse('staff:home')}",
    )


TEMPLATES = {
    REPORTER_CASE_UPDATED: _reporter_case_updated,
    STAFF_NOTICE: _staff_notice,
    STAFF_DAILY_DIGEST: _staff_daily_digest,
}

TEMPLATE_LABELS = {
    REPORTER_CASE_UPDATED: "Pembaruan untuk pelapor",
    STAFF_NOTICE: "Pemberitahuan tenggat untuk petugas",
    STAFF_DAILY_DIGEST: "Ringkasan harian petugas",
}


def render(message) -> Rendered:
    """The text of an outbox message (an OutboundMessage, its notification and user loaded or
    loadable). Raises KeyError for an unknown template: the delivery records it as a failure."""
    return TEMPLATES[message.template](message)
