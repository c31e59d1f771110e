"""Open-only demo cases (`seed_demo --open`): the workload of the periodic sweep (issue 5).

Every case is still open: received, needs_info, routed, in_progress or answered, weighted
towards the agencies' queues. Cases were received over the last ~60 days, more of them recently
(triangular spreads, plus a tail of cases stuck at an agency for weeks), so a sweep at "now"
finds about two thirds of the watched deadlines far away, ~5% due soon, one in six missed and
one in seven overdue long enough to escalate (figures shift a little with the weekday); a few
percent of the reporters' information windows and about one in eight feedback windows ended.

A case at an agency has one or two assignments to different agencies (cases of a supervisory
nature go to the Inspektorat alone, as routing requires), so that N open cases carry about
1.5 N assignments.
"""

import random

from aduan.agencies.models import INSPECTORATE_CODE, Agency, SupervisionClass

from .workflow import CaseStatus

S = CaseStatus

OPEN_STATUS_WEIGHTS = {
    S.RECEIVED: 6,
    S.NEEDS_INFO: 4,
    S.ROUTED: 30,
    S.IN_PROGRESS: 50,
    S.ANSWERED: 10,
}
# Assignments per open case, over all of them (received and needs_info cases have none).
ASSIGNMENTS_PER_CASE = 1.5
# Share of the second agencies of an in_progress case that have accepted too (the rest still
# owe their first response).
SECOND_ACCEPTED = 0.75
# Where a second agency is not another OPD it is the kabupaten/kota of the case.
SECOND_IS_REGENCY = 0.25

# (low, high, mode) of days before now a case in each status was received. Verification takes
# 3 working days, a first response 5, a resolution 14 (60 for supervisory cases), the reporter
# has 30 calendar days to complete a report and 10 working days to react to an answer.
RECEIVED_DAYS_BACK = {
    S.RECEIVED: (0, 7, 0),
    S.NEEDS_INFO: (1, 40, 1),
    S.ROUTED: (0, 14, 0),
    S.IN_PROGRESS: (1, 36, 1),
    S.ANSWERED: (3, 26, 3),
}
# (share, low, high): in_progress cases stuck for weeks, received uniformly in that span.
STUCK_IN_PROGRESS = (0.08, 36, 60)


def received_days_back(rng: random.Random, status: str) -> float:
    share, stuck_low, stuck_high = STUCK_IN_PROGRESS
    if status == S.IN_PROGRESS and rng.random() < share:
        return rng.uniform(stuck_low, stuck_high)
    low, high, mode = RECEIVED_DAYS_BACK[status]
    return rng.triangular(low, high, mode)


class SecondAgencies:
    """Chooses a second agency for routed cases, keeping about 1.5 assignments per case."""

    def __init__(self, rng: random.Random, agencies: dict[str, Agency], regencies: list[Agency]):
        self.rng = rng
        self.opds = [a for code, a in sorted(agencies.items()) if code != INSPECTORATE_CODE]
        self.regencies = regencies
        self.cases = 0
        self.assignments = 0

    def count_case(self) -> None:
        self.cases += 1

    def pick(self, case, first: Agency) -> Agency | None:
        """Counts the first assignment of `case`; returns a second agency when one is due."""
        self.assignments += 1
        if case.supervision_class == SupervisionClass.SUPERVISORY:
            return None
        if self.assignments + 1 > ASSIGNMENTS_PER_CASE * self.cases:
            return None
        self.assignments += 1
        if case.regency is not None and self.rng.random() < SECOND_IS_REGENCY:
            return case.regency
        return self.rng.choice([a for a in self.opds if a.pk != first.pk])
