"""Fixtures for the notifications tests: a local webhook server, staff with e-mail addresses,
and ladder notifications as the sweep writes them."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from aduan.core import clock
from aduan.notifications.models import Notification, NotificationKind
from aduan.sweeps.models import DeadlineAlert, LadderStep, SweepRun


class Webhook:
    """A gateway on 127.0.0.1 that records each POST and answers with `status`."""

    def __init__(self) -> None:
        self.status = 200
        self.requests: list[dict] = []
        webhook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                webhook.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": json.loads(self.rfile.read(length) or b"null"),
                    }
                )
                self.send_response(webhook.status)
                if 300 <= webhook.status < 400:
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/kirim"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def config(self, token: str = "rahasia-gateway") -> dict:  # noqa: S107 (a test value)
        return {"BACKEND": "webhook", "URL": self.url, "TOKEN": token, "TIMEOUT": 5}


@pytest.fixture
def webhook():
    hook = Webhook()
    hook.thread.start()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()


@pytest.fixture
def emails(staff):
    """Every staff member gets a work address (the fixture users have none)."""
    for user in staff.values():
        user.email = f"{user.username}@kalselprov.go.id"
        user.save(update_fields=["email"])
    return {key: user.email for key, user in staff.items()}


STEP_KIND = {
    LadderStep.REMINDER: NotificationKind.DEADLINE_REMINDER,
    LadderStep.MISSED: NotificationKind.DEADLINE_MISSED,
    LadderStep.ESCALATED: NotificationKind.ESCALATED,
}
PREFIX = {
    LadderStep.REMINDER: "Pengingat tenggat",
    LadderStep.MISSED: "Tenggat terlewati",
    LadderStep.ESCALATED: "Eskalasi tenggat",
}


def new_run() -> SweepRun:
    now = clock.now()
    return SweepRun.objects.create(started_at=now, as_of=now)


def ladder_notice(run, case, step, users, assignment=None) -> list[Notification]:
    """What the sweep writes for one ladder step: one alert, one notification per user."""
    assignment = assignment or case.assignments.first()
    due_at = assignment.first_response_due_at if assignment else case.due_at
    alert = DeadlineAlert.objects.create(
        case=case,
        assignment=assignment,
        agency=assignment.agency,
        stage="first_response",
        step=step,
        due_at=due_at,
        created_at=run.as_of,
        run=run,
    )
    return [
        Notification.objects.create(
            user=user,
            case=case,
            alert=alert,
            kind=STEP_KIND[step],
            message=f"{PREFIX[step]}: {case.tracking_number}",
            created_at=run.as_of,
        )
        for user in users
    ]
