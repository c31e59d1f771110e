"""Read side of the dashboards: scorecards, the ranking, trends and the monthly report's
figures. Views and the API read only through here."""

from .access import RANKING_ROLES, REPORT_ROLES, may_see_ranking, scorecard_agency_for
from .figures import AgencyFigures, collect
from .monthly import ReportFile, monthly_reports, report_file
from .report import MonthlyFigures, monthly_figures
from .scorecard import (
    Ranking,
    RankRow,
    Scorecard,
    TrendPoint,
    monthly_trend,
    ranking,
    scorecard,
    scored_agency,
)

__all__ = [
    "RANKING_ROLES",
    "REPORT_ROLES",
    "AgencyFigures",
    "MonthlyFigures",
    "RankRow",
    "Ranking",
    "ReportFile",
    "Scorecard",
    "TrendPoint",
    "collect",
    "may_see_ranking",
    "monthly_figures",
    "monthly_reports",
    "monthly_trend",
    "ranking",
    "report_file",
    "scorecard",
    "scorecard_agency_for",
    "scored_agency",
]
