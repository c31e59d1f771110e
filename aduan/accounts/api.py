"""Staff API authentication (shared/API.md, "Staff"): issue and revoke Bearer tokens."""

import datetime as dt

from django.http import HttpResponse
from ninja import Router, Schema, Status

from aduan.core.errors import ApplicationError

from . import services
from .api_auth import StaffBearerAuth

router = Router(tags=["Staf: autentikasi"])


class Unauthenticated(ApplicationError):
    status = 401
    code = "unauthenticated"
    default_message = (
        "Nama pengguna, kata sandi, atau kode verifikasi salah. Akun yang belum mengaktifkan "
        "verifikasi dua langkah harus mengaktifkannya dahulu di /staf/2fa/daftar."
    )


class TokenIn(Schema):
    username: str
    password: str
    otp: str = ""
    name: str = ""


class TokenOut(Schema):
    token: str
    expires_at: dt.datetime


@router.post("/auth/token", auth=None, response=TokenOut, summary="Buat token API")
def create_token(request, response: HttpResponse, payload: TokenIn):
    """Password plus the current TOTP code (required when the account has a second factor,
    and for every account under production settings). The token is shown only here."""
    issued = services.issue_api_token(
        request, payload.username, payload.password, payload.otp, name=payload.name
    )
    if issued is None:
        raise Unauthenticated()
    row, token = issued
    response["Cache-Control"] = "no-store"
    return {"token": token, "expires_at": row.expires_at}


@router.delete(
    "/auth/token", auth=[StaffBearerAuth()], response={204: None}, summary="Cabut token ini"
)
def revoke_token(request):
    """Revokes the token that authenticates this request."""
    services.revoke_api_token(request.api_token, request.auth)
    return Status(204, None)
