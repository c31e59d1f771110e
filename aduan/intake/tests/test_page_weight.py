"""The report form on a slow phone: ≤ 150 KB in all, and nothing fetched from elsewhere."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET = 150 * 1024


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.assets.append(attrs["src"])


def linked_assets(content: str) -> list[Path]:
    parser = Assets()
    parser.feed(content)
    paths = []
    for url in parser.assets:
        assert url.startswith(settings.STATIC_URL), url
        found = finders.find(url.removeprefix(settings.STATIC_URL))
        assert found, url
        paths.append(Path(found))
    return paths


@pytest.mark.parametrize("path", ["/lapor", "/", "/lacak", "/verifikasi"])
def test_page_weight_within_budget(client, reference, path):
    response = client.get(path)
    content = response.content.decode()
    assets = linked_assets(content)
    assert assets  # the one CSS and the one JS
    total = len(response.content) + sum(p.stat().st_size for p in assets)
    assert total <= BUDGET, f"{path}: {total} bytes"


def test_report_form_references_nothing_outside_the_site(client, reference):
    content = client.get("/lapor").content.decode()
    assert not re.search(r"https?://", content)
    assert not re.search(r'(?:href|src|action)="//', content)
    for asset in linked_assets(content):
        text = asset.read_text()
        assert not re.search(r"https?://|@import|@font-face|url\(", text), asset.name


def test_one_css_and_one_js(client, reference):
    content = client.get("/lapor").content.decode()
    assert len(re.findall(r'<link rel="stylesheet"', content)) == 1
    assert len(re.findall(r"<script", content)) == 1
    assert "<style" not in content
    assert not re.search(r"\son[a-z]+=", content)  # no inline event handlers (CSP)
    assert " style=" not in content


@pytest.mark.parametrize("path", ["/", "/lapor", "/lacak", "/lacak/status", "/verifikasi"])
def test_public_pages_send_a_strict_content_security_policy(client, reference, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy
