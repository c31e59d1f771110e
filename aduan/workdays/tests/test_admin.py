import datetime as dt

import pytest
from django.urls import reverse

from aduan.workdays.models import Holiday, HolidaySource
from aduan.workdays.seed import seed_holidays
from aduan.workdays.selectors import load_calendar

pytestmark = pytest.mark.django_db

D = dt.date


def test_admin_edit_marks_override_and_seed_keeps_it(admin_client):
    seed_holidays([2026])
    holiday = Holiday.objects.get(date=D(2026, 3, 18))
    url = reverse("admin:workdays_holiday_change", args=[holiday.pk])
    response = admin_client.post(
        url, {"name": "Nyepi (batal, uji)", "kind": "cuti_bersama", "is_day_off": ""}
    )
    assert response.status_code == 302, response.content[:2000]
    holiday.refresh_from_db()
    assert holiday.source == HolidaySource.ADMIN
    assert holiday.is_day_off is False
    assert holiday.date == D(2026, 3, 18)
    assert seed_holidays([2026]) == 0
    assert load_calendar().is_working_day(D(2026, 3, 18))


def test_admin_add_is_admin_source(admin_client):
    response = admin_client.post(
        reverse("admin:workdays_holiday_add"),
        {"date": "2026-09-24", "name": "Hari Jadi (uji)", "kind": "regional", "is_day_off": "on"},
    )
    assert response.status_code == 302, response.content[:2000]
    holiday = Holiday.objects.get(date=D(2026, 9, 24))
    assert holiday.source == HolidaySource.ADMIN
    assert not load_calendar().is_working_day(D(2026, 9, 24))


def test_seeded_row_cannot_be_deleted_in_admin(admin_client):
    seed_holidays([2026])
    holiday = Holiday.objects.get(date=D(2026, 8, 17))
    response = admin_client.post(
        reverse("admin:workdays_holiday_delete", args=[holiday.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Holiday.objects.filter(pk=holiday.pk).exists()


def test_changelist_filters(admin_client):
    seed_holidays([2025, 2026])
    url = reverse("admin:workdays_holiday_changelist")
    response = admin_client.get(url, {"tahun": "2026", "kind": "cuti_bersama", "q": "Natal"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [Holiday.objects.get(date=D(2026, 12, 24))]


@pytest.mark.django_db
def test_sysadmin_who_is_not_superuser_can_edit_holidays(client):
    from aduan.accounts.models import User

    user = User.objects.create_user(username="sys", password="x", role="sysadmin")
    client.force_login(user)
    assert client.get("/admin/workdays/holiday/").status_code == 200
    assert client.get("/admin/workdays/holiday/add/").status_code == 200
