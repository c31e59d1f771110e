import json
import re

import pytest

from aduan.agencies.models import Agency, Category
from aduan.agencies.seed import seed_agencies, seed_categories

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_agencies()
    seed_categories()


def test_agencies_list(client, seeded):
    Agency.objects.filter(code="EXT-PLN").update(is_active=False)
    response = client.get("/api/v1/agencies")
    assert response.status_code == 200
    body = response.json()
    assert all(set(item) == {"code", "name", "kind", "parent"} for item in body)
    by_code = {item["code"]: item for item in body}
    assert by_code["INSPEKTORAT"] == {
        "code": "INSPEKTORAT",
        "name": "Inspektorat Daerah Provinsi Kalimantan Selatan",
        "kind": "opd",
        "parent": None,
    }
    assert by_code["BIRO-HUKUM"]["parent"] == "SETDA"
    assert by_code["KOTA-BANJARBARU"]["kind"] == "regency"
    assert "EXT-PLN" not in by_code  # inactive agencies are not offered
    assert len(body) == Agency.objects.filter(is_active=True).count()
    keys = [(item["kind"], item["code"]) for item in body]
    assert keys == sorted(keys)


def test_categories_list(client, seeded):
    Category.objects.filter(code="agama").update(is_active=False)
    response = client.get("/api/v1/categories")
    assert response.status_code == 200
    body = response.json()
    assert all(
        set(item) == {"code", "name", "default_agency", "supervision_class"} for item in body
    )
    by_code = {item["code"]: item for item in body}
    assert by_code["pungli"] == {
        "code": "pungli",
        "name": "Pungutan Liar dan Gratifikasi",
        "default_agency": "INSPEKTORAT",
        "supervision_class": "supervisory",
    }
    assert by_code["topik-lainnya"]["default_agency"] is None
    assert "agama" not in by_code
    assert len(body) == Category.objects.filter(is_active=True).count()
    names = [item["name"] for item in body]
    assert names == sorted(names)


def test_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.1")
    assert {"/api/v1/agencies", "/api/v1/categories"} <= set(document["paths"])
    assert "get" in document["paths"]["/api/v1/agencies"]


def test_docs_page_uses_only_local_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"https?://", html), "docs page references an outside resource"
    assert not re.search(r"(?:src|href)=[\"']//", html), "protocol-relative outside resource"
    for ref in re.findall(r"(?:src|href)=[\"']([^\"']+)", html):
        assert ref.startswith("/static/"), ref
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    settings_json = re.search(r'id="swagger-settings">(.*?)</script>', html, re.S).group(1)
    assert json.loads(settings_json)["validatorUrl"] is None


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/api/v1/xyz", "/api/v1/agencies/nope/deeper", "/api/v2/"])
def test_unknown_api_path_is_json_404(client, settings, path, debug):
    settings.DEBUG = debug  # `make run` serves with DEBUG on: still JSON
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["message"]
    assert error["fields"] == {}


def test_unknown_page_is_plain_indonesian_page(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_server_error_under_api_is_json(rf):
    from aduan.core.views import server_error

    response = server_error(rf.get("/api/v1/agencies"))
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["code"] == "server_error"
    page = server_error(rf.get("/lapor"))
    assert page.status_code == 500
    assert "Terjadi kesalahan" in page.content.decode()
