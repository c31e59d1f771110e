"""Maps the error vocabulary (aduan.core.errors) to HTTP, once, for the whole API."""

import logging

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .errors import ApplicationError, NotFound, ValidationFailed

logger = logging.getLogger(__name__)


def fields_from_errors(errors: list[dict]) -> dict[str, list[str]]:
    """Pydantic/ninja error list -> {"field.path": ["pesan"]} in Bahasa Indonesia."""
    fields: dict[str, list[str]] = {}
    for err in errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "path")]
        name = ".".join(loc) or "__all__"
        fields.setdefault(name, []).append(_message_id(err))
    return fields


def _message_id(err: dict) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "Wajib diisi."
    if kind.startswith("string_too_long"):
        return "Terlalu panjang."
    if kind.startswith("string_too_short"):
        return "Terlalu pendek."
    if kind in ("enum", "literal_error"):
        return "Pilihan tidak dikenal."
    return "Isian tidak valid."


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request, error: ApplicationError):
        response = api.create_response(request, error.as_body(), status=error.status)
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            response["Retry-After"] = str(retry_after)
        return response

    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        return respond(request, exc)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc: NinjaValidationError):
        return respond(request, ValidationFailed(fields=fields_from_errors(exc.errors)))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, NotFound())

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        error = ApplicationError("Silakan masuk terlebih dahulu.")
        error.status, error.code = 401, "unauthenticated"
        return respond(request, error)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        error = ApplicationError(str(exc))
        error.status, error.code = exc.status_code, "http_error"
        return respond(request, error)

    @api.exception_handler(Exception)
    def unexpected(request, exc: Exception):
        # Logged without request data: bodies may hold identity.
        logger.exception("Unhandled API error: %s", type(exc).__name__)
        error = ApplicationError("Terjadi kesalahan pada sistem. Silakan coba lagi.")
        error.status, error.code = 500, "server_error"
        return respond(request, error)
