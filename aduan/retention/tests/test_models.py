"""Retention policies: validation, effective windows; purge records name no content."""

import pytest
from django.core.exceptions import ValidationError

from aduan.retention.models import MIN_DAYS, DataScope, PurgeRecord, RetentionPolicy


def policy(**days) -> RetentionPolicy:
    values = {"identity_days": 365, "files_days": 365, "content_days": 730, **days}
    return RetentionPolicy(case_kind="complaint", **values)


def test_a_consistent_policy_is_valid():
    policy().clean_fields()
    policy().clean()


@pytest.mark.parametrize("field", ["identity_days", "files_days"])
def test_identity_and_files_never_outlive_the_content(field):
    with pytest.raises(ValidationError) as error:
        policy(**{field: 1000}).clean()
    assert field in error.value.message_dict
    with pytest.raises(ValidationError):
        policy(**{field: None}).clean()  # "forever" would outlive it too


def test_content_kept_forever_allows_any_identity_window():
    policy(content_days=None, identity_days=None).clean()
    policy(content_days=None, identity_days=90).clean()


def test_a_window_shorter_than_the_minimum_is_refused():
    with pytest.raises(ValidationError) as error:
        policy(identity_days=MIN_DAYS - 1).full_clean(validate_unique=False)
    assert "identity_days" in error.value.message_dict


def test_effective_days_never_exceed_the_content_window():
    stored = policy(identity_days=None, files_days=900, content_days=400)
    assert stored.days_for(DataScope.IDENTITY) == 400
    assert stored.days_for(DataScope.FILES) == 400
    assert stored.days_for(DataScope.CONTENT) == 400
    assert policy(content_days=None, identity_days=None).days_for(DataScope.IDENTITY) is None


def test_str_names_no_tracking_number():
    record = PurgeRecord(case_id=17, scope="identity", retention_days=60)
    assert str(record) == "Identitas pelapor laporan #17"
    assert str(policy()) == "retensi Pengaduan"
