"""Dashboards tests: report files go to a temporary directory, never to var/reports."""

import pytest


@pytest.fixture(autouse=True)
def report_dir(settings, tmp_path):
    settings.ADUAN_REPORT_DIR = tmp_path / "reports"
    return settings.ADUAN_REPORT_DIR
