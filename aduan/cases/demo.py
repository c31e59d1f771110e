"""Bulk demo cases in every status, consistent with the workflow, fast enough for 100 000.
With `open_only`, open cases only: the sweep's workload (aduan.cases.demo_open).

Bypasses the per-case services on purpose (they cost a transaction and an Argon2 hash each),
but uses the same deadline function, identity sealing and tables, so the data looks exactly
like the services' own. Development and benchmarks only.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from aduan import crypto
from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.agencies.models import (
    Agency,
    AgencyKind,
    Category,
    SlaPolicy,
    Stage,
    SupervisionClass,
)
from aduan.core import clock
from aduan.workdays.selectors import load_calendar

from . import deadlines, demo_content, demo_open
from .demo_history import HistoryBuilder
from .identity import ReporterData, seal_identity
from .models import (
    Assignment,
    Case,
    CaseEvent,
    CaseKind,
    Channel,
    Feedback,
    Message,
    Privacy,
    ReporterIdentity,
)
from .services.intake import TRACKING_CODE_LENGTH, TRACKING_PREFIX, next_register_seq
from .workflow import CaseStatus

BATCH = 2000
# Stored where an Argon2 hash would be: never verifies, so bulk cases cannot be opened.
UNUSABLE_RECEIPT_HASH = "!demo-no-receipt"

STATUS_WEIGHTS = {
    CaseStatus.RECEIVED: 10,
    CaseStatus.NEEDS_INFO: 5,
    CaseStatus.ROUTED: 10,
    CaseStatus.IN_PROGRESS: 25,
    CaseStatus.ANSWERED: 8,
    CaseStatus.CLOSED: 27,
    CaseStatus.ARCHIVED: 7,
    CaseStatus.REFERRED: 4,
    CaseStatus.WITHDRAWN: 4,
}
KIND_WEIGHTS = {
    CaseKind.COMPLAINT: 75,
    CaseKind.ASPIRATION: 12,
    CaseKind.INFORMATION_REQUEST: 8,
    CaseKind.WHISTLEBLOWING: 5,
}
PRIVACY_WEIGHTS = {Privacy.OPEN: 30, Privacy.CONFIDENTIAL: 45, Privacy.ANONYMOUS: 25}
CHANNEL_WEIGHTS = {
    Channel.WEB: 55, Channel.WHATSAPP: 10, Channel.API: 5, Channel.EMAIL: 5, Channel.PHONE: 5,
    Channel.WALK_IN: 5, Channel.LETTER: 5, Channel.SOCIAL_MEDIA: 5, Channel.LAPOR: 5,
}  # fmt: skip


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class DemoResult:
    created: int = 0
    assignments: int = 0
    by_status: Counter = field(default_factory=Counter)
    receipts: list[tuple[str, str, str]] = field(default_factory=list)  # (status, number, rcpt)


class _Context:
    """Everything loaded once per run: reference data, calendar, policies, demo staff."""

    def __init__(self, rng: random.Random, open_only: bool = False):
        self.rng = rng
        self.open_only = open_only
        self.now = clock.now()
        self.calendar = load_calendar()
        self.policies = list(SlaPolicy.objects.all())
        self.categories = {c.code: c for c in Category.objects.select_related("default_agency")}
        self.regencies = list(Agency.objects.filter(kind=AgencyKind.REGENCY))
        self.external = list(Agency.objects.filter(kind=AgencyKind.EXTERNAL))
        self.agencies = {a.code: a for a in Agency.objects.filter(kind=AgencyKind.OPD)}
        users = User.objects.filter(username__in=["koordinator", "inspektorat"])
        self.users = {u.username: u for u in users}
        self.officers = {u.agency_id: u for u in User.objects.filter(role=Role.AGENCY_OFFICER)}
        self.heads = {u.agency_id: u for u in User.objects.filter(role=Role.AGENCY_HEAD)}
        self.second_agencies = (
            demo_open.SecondAgencies(rng, self.agencies, self.regencies) if open_only else None
        )


def generate(
    count: int,
    *,
    seed: int | None = None,
    receipts_for: int = 0,
    progress=None,
    open_only: bool = False,
):
    """Creates `count` demo cases (only open ones with `open_only`). The first `receipts_for`
    statuses get a real receipt (printed for trying /lacak); the rest cannot be opened by
    anyone."""
    rng = random.Random(seed)
    ctx = _Context(rng, open_only)
    result = DemoResult()
    weights = demo_open.OPEN_STATUS_WEIGHTS if open_only else STATUS_WEIGHTS
    statuses = list(weights)
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        # The first cases cover every status once, so even a tiny demo shows them all.
        plan = [
            statuses[i] if start + i < len(statuses) else _pick(rng, weights) for i in range(size)
        ]
        with transaction.atomic():
            _create_batch(ctx, plan, result, receipts_for)
        if progress:
            progress(min(start + size, count), count)
    return result


def _text(ctx: _Context, kind: str) -> tuple[str, str, Category | None]:
    rng = ctx.rng
    place = rng.choice(ctx.regencies).name.replace("Pemerintah ", "")
    if kind == CaseKind.ASPIRATION:
        title, body = rng.choice(demo_content.ASPIRATIONS)
        category = None
    elif kind == CaseKind.INFORMATION_REQUEST:
        title, body = rng.choice(demo_content.INFORMATION_REQUESTS)
        category = ctx.categories.get("pekerjaan-umum")
    elif kind == CaseKind.WHISTLEBLOWING:
        title, body = rng.choice(demo_content.WBS_SAMPLES)
        category = ctx.categories.get("pungli")
    else:
        code, title, body = rng.choice(demo_content.SAMPLES)
        category = ctx.categories.get(code)
    return title.format(place=place), body.format(place=place), category


def _reporter(rng: random.Random) -> ReporterData:
    first, last = rng.choice(demo_content.FIRST_NAMES), rng.choice(demo_content.LAST_NAMES)
    is_asn = rng.random() < 0.1
    return ReporterData(
        name=f"{first} {last}",
        nik="63" + "".join(rng.choice("0123456789") for _ in range(14)),
        phone="628" + "".join(rng.choice("0123456789") for _ in range(9)),
        email=f"{first}.{last}{rng.randint(1, 999)}@contoh.id".lower(),
        address=f"{rng.choice(demo_content.STREETS)} No. {rng.randint(1, 200)}",
        is_asn=is_asn,
        nip="19" + "".join(rng.choice("0123456789") for _ in range(16)) if is_asn else "",
    )


def _tracking_numbers(kinds: list[str], year: int) -> list[str]:
    while True:
        numbers = [
            f"{TRACKING_PREFIX.get(k, 'ADU')}-{year}-{crypto.random_code(TRACKING_CODE_LENGTH)}"
            for k in kinds
        ]
        clash = Case.objects.filter(tracking_number__in=numbers).exists()
        if not clash and len(set(numbers)) == len(numbers):
            return numbers


def _received_at(ctx: _Context, status: str) -> dt.datetime:
    """Recent for cases still in verification, older for cases further along."""
    rng = ctx.rng
    if ctx.open_only:
        days_back = demo_open.received_days_back(rng, status)
        return ctx.now - dt.timedelta(days=days_back, minutes=rng.randint(0, 600))
    days_back = {
        CaseStatus.RECEIVED: rng.uniform(0, 6),
        CaseStatus.NEEDS_INFO: rng.uniform(3, 35),
        CaseStatus.ROUTED: rng.uniform(2, 20),
        CaseStatus.IN_PROGRESS: rng.uniform(5, 60),
        CaseStatus.ANSWERED: rng.uniform(15, 40),
    }.get(status, rng.uniform(20, 365))
    return ctx.now - dt.timedelta(days=days_back, minutes=rng.randint(0, 600))


def _later(ctx: _Context, moment: dt.datetime, low: float, high: float) -> dt.datetime:
    return min(moment + dt.timedelta(days=ctx.rng.uniform(low, high)), ctx.now)


def _create_batch(ctx: _Context, plan: list[str], result: DemoResult, receipts_for: int):
    rng = ctx.rng
    year = clock.local(ctx.now).year
    kinds = [_pick(rng, KIND_WEIGHTS) for _ in plan]
    numbers = _tracking_numbers(kinds, year)
    first_seq = next_register_seq(year, len(plan))
    cases, reporters = [], []
    for i, (status, kind) in enumerate(zip(plan, kinds, strict=True)):
        title, description, category = _text(ctx, kind)
        privacy = (
            Privacy.ANONYMOUS if kind == CaseKind.WHISTLEBLOWING else _pick(rng, PRIVACY_WEIGHTS)
        )
        received = _received_at(ctx, status)
        supervisory = kind == CaseKind.WHISTLEBLOWING or (
            category is not None and category.supervision_class == SupervisionClass.SUPERVISORY
        )
        receipt_hash, receipt = UNUSABLE_RECEIPT_HASH, None
        if len(result.receipts) < receipts_for and status not in {r[0] for r in result.receipts}:
            receipt = crypto.random_receipt()
            receipt_hash = crypto.hash_secret(receipt)
            result.receipts.append((status, numbers[i], receipt))
        cases.append(
            Case(
                tracking_number=numbers[i],
                register_year=year,
                register_seq=first_seq + i,
                receipt_hash=receipt_hash,
                kind=kind,
                supervision_class=SupervisionClass.SUPERVISORY
                if supervisory
                else SupervisionClass.NON_SUPERVISORY,
                privacy=privacy,
                channel=Channel.WEB
                if kind == CaseKind.WHISTLEBLOWING
                else _pick(rng, CHANNEL_WEIGHTS),
                is_public=rng.random() < 0.3,
                title=title,
                description=description,
                category=category,
                occurred_on=clock.local_date(received) - dt.timedelta(days=rng.randint(0, 20)),
                location=rng.choice(ctx.regencies).name,
                regency=rng.choice(ctx.regencies),
                status=status,
                received_at=received,
                clock_started_at=received,
            )
        )
        reporters.append(None if privacy == Privacy.ANONYMOUS else _reporter(rng))
    for case in cases:
        policy = deadlines.case_policy(case, Stage.VERIFICATION, ctx.policies)
        case.verification_due_at = deadlines.deadline_for(
            Stage.VERIFICATION, case.received_at, policy, calendar=ctx.calendar
        )
    # The whole history is played in memory first, so every row is inserted once, final.
    builder = HistoryBuilder(ctx)
    for case in cases:
        builder.play(case)
    # WBS text is never written unsealed, not even for the demo (aduan.whistleblowing.demo).
    from aduan.whistleblowing import demo as wbs_demo

    wbs_texts = {id(c): wbs_demo.placeholder(c) for c in cases if c.kind == CaseKind.WHISTLEBLOWING}
    wbs_messages = [
        (m, wbs_demo.hide_message(m))
        for m in builder.messages
        if m.case.kind == CaseKind.WHISTLEBLOWING
    ]
    Case.objects.bulk_create(cases, batch_size=BATCH)
    ReporterIdentity.objects.bulk_create(
        [seal_identity(c, r) for c, r in zip(cases, reporters, strict=True) if r is not None],
        batch_size=BATCH,
    )
    # Children were built before their parents had ids; Django fills each *_id from the saved
    # parent object on insert.
    Assignment.objects.bulk_create(builder.assignments, batch_size=BATCH)
    CaseEvent.objects.bulk_create(builder.events, batch_size=BATCH)
    Message.objects.bulk_create(builder.messages, batch_size=BATCH)
    if wbs_texts:
        by_case = {c.pk: wbs_texts[id(c)] for c in cases if id(c) in wbs_texts}
        wbs_demo.seal_demo_cases(by_case, wbs_messages, rng)
    Feedback.objects.bulk_create(builder.feedback, batch_size=BATCH)
    result.created += len(cases)
    result.assignments += len(builder.assignments)
    result.by_status.update(plan)
