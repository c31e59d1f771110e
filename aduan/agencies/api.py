"""Public reference lists: which agencies and categories exist (shared/API.md, "Public")."""

from django.http import HttpRequest
from ninja import Router, Schema

from .models import AgencyKind, SupervisionClass
from .selectors import active_agencies, active_categories

# Public on purpose, even if the API later gets a default authentication.
router = Router(auth=None, tags=["Referensi"])


class AgencyOut(Schema):
    code: str
    name: str
    kind: AgencyKind
    parent: str | None  # parent agency code


class CategoryOut(Schema):
    code: str
    name: str
    default_agency: str | None  # agency code
    supervision_class: SupervisionClass


@router.get("/agencies", response=list[AgencyOut], summary="Daftar instansi aktif")
def list_agencies(request: HttpRequest):
    return [
        {
            "code": agency.code,
            "name": agency.name,
            "kind": agency.kind,
            "parent": agency.parent.code if agency.parent_id else None,
        }
        for agency in active_agencies()
    ]


@router.get("/categories", response=list[CategoryOut], summary="Daftar kategori aktif")
def list_categories(request: HttpRequest):
    return [
        {
            "code": category.code,
            "name": category.name,
            "default_agency": category.default_agency.code if category.default_agency_id else None,
            "supervision_class": category.supervision_class,
        }
        for category in active_categories()
    ]
