"""The /staf pages: ranking, agency scorecard, monthly reports; who sees them, what they show."""

import re

import pytest
import time_machine
from django.urls import reverse

from aduan.agencies.models import Agency
from aduan.dashboards.models import MonthlyReport
from aduan.dashboards.services import generate_monthly_report

from .scenario import NOW, at, build_march

pytestmark = pytest.mark.django_db

RANKING = {"supervisor", "coordinator", "wbs"}
EVERYONE = [
    "coordinator", "officer_dpupr", "head_dpupr", "officer_dinkes", "head_dinkes", "wbs",
    "custodian", "supervisor", "auditor", "sysadmin",
]  # fmt: skip


def assert_svg_numbers_plain(html: str) -> None:
    """SVG coordinates are never localised ("178,0" would break the drawing)."""
    svg = html[html.index("<svg") : html.index("</svg>")]
    values = re.findall(r' (?:x|y|x1|x2|y1|y2|width|height|dy)="([^"]*)"', svg)
    assert values and all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in values), values


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("who", EVERYONE)
def test_ranking_page_access(client, staff, who):
    response = get(client, staff[who], reverse("dashboards:ranking"))
    assert response.status_code == (200 if who in RANKING else 404)


@pytest.mark.parametrize("who", EVERYONE)
def test_agency_page_access(client, staff, who):
    response = get(client, staff[who], reverse("dashboards:agency", args=["DPUPR"]))
    allowed = who in RANKING or who in ("officer_dpupr", "head_dpupr")
    assert response.status_code == (200 if allowed else 404)


@pytest.mark.parametrize("who", EVERYONE)
def test_reports_page_access(client, staff, who):
    response = get(client, staff[who], reverse("dashboards:reports"))
    assert response.status_code == (200 if who == "supervisor" else 404)
    client.force_login(staff[who])
    posted = client.post(reverse("dashboards:reports"), {"bulan": "2026-03"})
    assert posted.status_code == (302 if who == "supervisor" else 404)


def test_signed_out_goes_to_sign_in(client):
    for url in (reverse("dashboards:ranking"), reverse("dashboards:reports")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/staf/masuk")


def test_ranking_page_shows_the_month(client, staff):
    build_march(staff)
    with time_machine.travel(at(NOW), tick=False):
        response = get(
            client, staff["supervisor"], reverse("dashboards:ranking") + "?bulan=2026-03"
        )
    html = response.content.decode()
    assert "Rapor kepatuhan OPD — Maret 2026" in html
    assert '<option value="2026-03" selected>' in html
    # The chart: server-rendered SVG with a text alternative, and the same numbers in a table.
    assert '<svg class="chart"' in html and 'role="img"' in html and "<title " in html
    assert_svg_numbers_plain(html)
    assert html.count("<rect ") == 2  # DPUPR and DINKES have a score
    assert "<caption>Peringkat OPD, Maret 2026</caption>" in html
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "<td>1</td>" in first_row and "Dinas Pekerjaan Umum" in first_row
    assert "64" in first_row and "60 %" in first_row and "66,7 %" in first_row
    assert "<script" not in html and "style=" not in html


def test_ranking_page_bad_month(client, staff):
    response = get(client, staff["supervisor"], reverse("dashboards:ranking") + "?bulan=2026-13")
    assert response.status_code == 400
    assert "Bulan tidak valid" in response.content.decode()


def test_agency_page_shows_the_scorecard_and_trend(client, staff):
    build_march(staff)
    url = reverse("dashboards:agency", args=["DPUPR"]) + "?from=2026-03-01&to=2026-03-31"
    with time_machine.travel(at(NOW), tick=False):
        response = get(client, staff["head_dpupr"], url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="2026-03-01"' in html and 'value="2026-03-31"' in html
    cells = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', html))
    assert cells["Disposisi diterima"] == "5"
    assert cells["Tanggapan pertama tepat waktu"] == "60 %"
    assert cells["Penyelesaian tepat waktu"] == "66,7 %"
    assert cells["Median hari kerja sampai tanggapan pertama"] == "2"
    assert cells["Median hari kerja sampai hasil dikirim"] == "9"
    assert cells["Terlambat saat ini"] == "4"
    assert cells["Rata-rata penilaian pelapor"] == "3"
    assert cells["Maret 2026"] == "5"  # the trend table, month of March
    assert cells["April 2025"] == "0"  # twelve months back from March 2026
    assert html.count("<svg") == 1 and 'aria-labelledby="tren-diagram-title' in html
    assert_svg_numbers_plain(html)
    assert html.count("<rect ") == 2  # February and March have a score
    assert "<script" not in html and "style=" not in html
    # An agency head has no ranking link.
    assert reverse("dashboards:ranking") + '"' not in html


def test_agency_page_bad_period(client, staff):
    url = reverse("dashboards:agency", args=["DPUPR"]) + "?from=2026-03-31&to=2026-03-01"
    response = get(client, staff["supervisor"], url)
    assert response.status_code == 400
    assert "tidak boleh sebelum" in response.content.decode()


def test_agency_page_unknown_agency(client, staff):
    for code in ("NOPE", "EXT-KPK"):
        assert get(client, staff["supervisor"], f"/staf/rapor/{code}").status_code == 404


def test_reports_page_generates_and_downloads(client, staff, report_dir):
    build_march(staff)
    client.force_login(staff["supervisor"])
    with time_machine.travel(at(NOW), tick=False):  # the session's idle clock too
        response = client.post(reverse("dashboards:reports"), {"bulan": "2026-03"}, follow=True)
        html = response.content.decode()
        assert "Laporan bulanan Maret 2026 sudah dibuat." in html
        assert "Maret 2026</th>" in html
        report = MonthlyReport.objects.get(year=2026, month=3)
        assert report.generated_by == staff["supervisor"]
        pdf = client.get(reverse("dashboards:report_pdf", args=[report.pk]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert 'filename="laporan-bulanan-2026-03.pdf"' in pdf["Content-Disposition"]
        assert pdf["Cache-Control"] == "no-store"
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")
        xlsx = client.get(reverse("dashboards:report_xlsx", args=[report.pk]))
        assert b"".join(xlsx.streaming_content)[:2] == b"PK"
        # The other roles cannot download it.
        for who in ("coordinator", "head_dpupr", "auditor"):
            client.force_login(staff[who])
            url = reverse("dashboards:report_pdf", args=[report.pk])
            assert client.get(url).status_code == 404


def test_reports_page_refuses_a_future_month(client, staff):
    client.force_login(staff["supervisor"])
    with time_machine.travel(at(NOW), tick=False):
        response = client.post(reverse("dashboards:reports"), {"bulan": "2026-05"})
        garbage = client.post(reverse("dashboards:reports"), {"bulan": "<script>"})
    assert response.status_code == 400 and "bulan depan" in response.content.decode()
    assert garbage.status_code == 400
    assert not MonthlyReport.objects.exists()


def test_download_of_a_missing_file_404(client, staff, report_dir):
    with time_machine.travel(at(NOW), tick=False):
        report = generate_monthly_report(2026, 3)
    (report_dir / report.pdf_name).unlink()
    client.force_login(staff["supervisor"])
    assert client.get(reverse("dashboards:report_pdf", args=[report.pk])).status_code == 404


def test_ranking_page_without_scores(client, staff):
    response = get(client, staff["coordinator"], reverse("dashboards:ranking") + "?bulan=2025-01")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" not in html and "belum ada skor" in html
    opds = Agency.objects.filter(kind="opd", is_active=True).count()
    assert html.count("tanpa peringkat") == opds
