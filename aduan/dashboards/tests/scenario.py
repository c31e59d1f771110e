"""A hand-built month for the scorecard tests: DPUPR's March 2026, across the Nyepi and Lebaran
days off (Wed 18 - Tue 24 March: 18, 19, 20, 23 and 24 are weekdays off) and Good Friday
(3 April). Every moment is WITA; every action goes through the real services at a frozen time.

Default policy (complaint, not supervisory): first response 5 working days, resolution 14.

DPUPR cohort (routed in March):
  A  routed Mon 16 Mar 09:00  first response due Mon 30 Mar; accepted Wed 25 Mar (on time,
     2 wd); result Wed 1 Apr (due Mon 13 Apr: on time, 7 wd); answer published 2 Apr.
  B  routed Tue 17 Mar 09:00  first response due Tue 31 Mar; accepted Wed 1 Apr (late, 6 wd);
     no result; resolution due Tue 14 Apr has passed by NOW: late, open and overdue.
  C  routed Thu 26 Mar 09:00  first response due Thu 2 Apr; returned Fri 27 Mar (on time, 1 wd);
     out of the resolution figures (returned before its deadline).
  D  routed Mon 30 Mar 09:00  first response due Tue 7 Apr; nothing done: first response late;
     resolution due Mon 20 Apr 23:59 not passed at NOW: not yet counted; open and overdue.
  E  routed Tue 31 Mar 22:00  first response due Wed 8 Apr; accepted Thu 2 Apr (on time, 2 wd);
     result Thu 16 Apr (due Tue 21 Apr: on time, 11 wd); open (awaiting the coordinator).
Outside the cohort:
  F  routed Wed 1 Apr 00:30 WITA (still 31 March in UTC): April. Pending, first response due
     Thu 9 Apr: open and overdue.
  G  routed to DINKES on 16 Mar, accepted on 17 Mar: another agency.
  H  routed to DPUPR in February, answered; rated 4, satisfied, on 5 Mar.
  J  routed to DPUPR in February, answered; rated 2, not satisfied, on 3 Mar.
  I  routed to DPUPR in February, answered; objection (rating 1) on 2 Mar: not a rating; the
     case reopens with resolution due Fri 27 Mar: open and overdue.
  K  routed to DPUPR and DINKES in February; DPUPR returned it, DINKES answered; rated 5 on
     4 Mar: DINKES's rating, not DPUPR's.
Deadline records (written directly, as the sweep would): DPUPR escalated on 10 Mar (counted),
on 2 Apr (April), a "missed" step on 12 Mar (not an escalation), DINKES escalated on 11 Mar;
non-compliance for DPUPR on 25 Mar and at 1 Mar 07:00 WITA (still 28 Feb in UTC) (both
counted) and at 28 Feb 23:30 WITA (February), DINKES on 26 Mar.

NOW = Mon 20 Apr 2026 10:00 WITA.
"""

import datetime as dt

import time_machine

from aduan.agencies.models import Agency, Stage
from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.cases.models import Case
from aduan.cases.tests.builders import assignment, new_report, reporter
from aduan.compliance.models import NonComplianceRecord
from aduan.core import clock
from aduan.sweeps.models import DeadlineAlert, LadderStep, SweepRun

NOW = "2026-04-20 10:00"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=clock.WITA)


class Scenario:
    def __init__(self, staff: dict):
        self.staff = staff
        self.cases: dict[str, Case] = {}

    def do(self, when: str, action, *args, **kwargs):
        with time_machine.travel(at(when), tick=False):
            return action(*args, **kwargs)

    def routed(self, name: str, when: str, agencies=("DPUPR",)) -> Case:
        case, _ = self.do(when, services.create_case, ReporterActor(), new_report())
        self.do(when, services.route, self.staff["coordinator"], case, agencies=list(agencies))
        self.cases[name] = case
        return case

    def accept(self, case, when, agency="DPUPR"):
        officer = self.staff[f"officer_{agency.lower()}"]
        self.do(when, services.accept, officer, assignment(case, agency), note="Diterima.")

    def give_back(self, case, when, agency="DPUPR"):
        officer = self.staff[f"officer_{agency.lower()}"]
        self.do(
            when, services.return_assignment, officer, assignment(case, agency), reason="Bukan."
        )

    def result(self, case, when, agency="DPUPR"):
        officer = self.staff[f"officer_{agency.lower()}"]
        self.do(when, services.submit_result, officer, assignment(case, agency), summary="Hasil.")

    def publish(self, case, when):
        case.refresh_from_db()
        self.do(when, services.publish_result, self.staff["coordinator"], case, message="Jawab.")

    def rate(self, case, when, rating, satisfied, objection=False):
        case.refresh_from_db()
        self.do(
            when,
            services.give_feedback,
            reporter(case),
            case,
            rating=rating,
            satisfied=satisfied,
            objection=objection,
        )

    def answered(self, name, routed, result, published, agencies=("DPUPR",)):
        case = self.routed(name, routed, agencies)
        self.accept(case, routed, agencies[0])
        self.result(case, result, agencies[0])
        self.publish(case, published)
        return case


def build_march(staff: dict) -> Scenario:
    s = Scenario(staff)
    a = s.routed("A", "2026-03-16 09:00")
    s.accept(a, "2026-03-25 10:00")
    s.result(a, "2026-04-01 10:00")
    s.publish(a, "2026-04-02 10:00")
    b = s.routed("B", "2026-03-17 09:00")
    s.accept(b, "2026-04-01 09:00")
    c = s.routed("C", "2026-03-26 09:00")
    s.give_back(c, "2026-03-27 09:00")
    s.routed("D", "2026-03-30 09:00")
    e = s.routed("E", "2026-03-31 22:00")
    s.accept(e, "2026-04-02 09:00")
    s.result(e, "2026-04-16 09:00")
    s.routed("F", "2026-04-01 00:30")
    g = s.routed("G", "2026-03-16 09:00", agencies=("DINKES",))
    s.accept(g, "2026-03-17 09:00", "DINKES")

    h = s.answered("H", "2026-02-16 09:00", "2026-02-19 09:00", "2026-02-20 09:00")
    s.rate(h, "2026-03-05 09:00", 4, True)
    j = s.answered("J", "2026-02-17 09:00", "2026-02-20 09:00", "2026-02-24 09:00")
    s.rate(j, "2026-03-03 09:00", 2, False)
    i = s.answered("I", "2026-02-18 09:00", "2026-02-25 09:00", "2026-02-26 09:00")
    s.rate(i, "2026-03-02 09:00", 1, False, objection=True)
    k = s.routed("K", "2026-02-18 09:00", agencies=("DPUPR", "DINKES"))
    s.give_back(k, "2026-02-19 09:00")
    s.accept(k, "2026-02-19 10:00", "DINKES")
    s.result(k, "2026-02-20 09:00", "DINKES")
    s.publish(k, "2026-02-23 09:00")
    s.rate(k, "2026-03-04 09:00", 5, True)

    dpupr, dinkes = Agency.objects.get(code="DPUPR"), Agency.objects.get(code="DINKES")
    run = SweepRun.objects.create(started_at=at("2026-03-10 08:00"), as_of=at("2026-03-10 08:00"))
    for agency, name, step, when in [
        (dpupr, "B", LadderStep.ESCALATED, "2026-03-10 08:00"),
        (dpupr, "D", LadderStep.ESCALATED, "2026-04-02 08:00"),
        (dpupr, "A", LadderStep.MISSED, "2026-03-12 08:00"),
        (dinkes, "G", LadderStep.ESCALATED, "2026-03-11 08:00"),
    ]:
        case = s.cases[name]
        DeadlineAlert.objects.create(
            case=case,
            assignment=case.assignments.get(agency=agency),
            agency=agency,
            stage=Stage.FIRST_RESPONSE,
            step=step,
            due_at=at(when),
            created_at=at(when),
            run=run,
        )
    for agency, name, when in [
        (dpupr, "B", "2026-03-25 08:00"),
        (dpupr, "H", "2026-02-28 23:30"),
        (dpupr, "J", "2026-03-01 07:00"),
        (dinkes, "G", "2026-03-26 08:00"),
    ]:
        case = s.cases[name]
        NonComplianceRecord.objects.create(
            agency=agency,
            case=case,
            assignment=case.assignments.get(agency=agency),
            stage=Stage.FIRST_RESPONSE,
            due_at=at(when),
            recorded_at=at(when),
            days_late_when_recorded=3,
        )
    return s
