"""One error vocabulary. Services raise these; the API and views map them to HTTP once.

Messages are Bahasa Indonesia (what a person reads) and never carry identity data.
"""

from __future__ import annotations


class ApplicationError(Exception):
    status = 400
    code = "error"
    default_message = "Permintaan tidak dapat diproses."

    def __init__(self, message: str | None = None, *, fields: dict[str, list[str]] | None = None):
        self.message = message or self.default_message
        self.fields = fields or {}
        super().__init__(self.message)

    def as_body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "fields": self.fields}}


class ValidationFailed(ApplicationError):
    status = 400
    code = "validation_error"
    default_message = "Data yang dikirim belum benar. Periksa isian yang ditandai."


class NotFound(ApplicationError):
    """Also what a forbidden object looks like: the caller cannot tell the two apart."""

    status = 404
    code = "not_found"
    default_message = "Data tidak ditemukan."


class NotPermitted(ApplicationError):
    """The caller may see the object but their role may not take this action."""

    status = 403
    code = "forbidden"
    default_message = "Peran Anda tidak berwenang melakukan tindakan ini."


class InvalidTransition(ApplicationError):
    status = 409
    code = "invalid_transition"
    default_message = "Tindakan ini tidak dapat dilakukan pada status laporan saat ini."

    def __init__(self, action: str, status: str, message: str | None = None):
        self.action = action
        self.current_status = status
        super().__init__(
            message or f"Tindakan '{action}' tidak dapat dilakukan pada status '{status}'.",
            fields={},
        )


class RoutingNotAllowed(ApplicationError):
    status = 422
    code = "routing_not_allowed"
    default_message = "Laporan tidak dapat didisposisikan ke instansi tersebut."


class SealedContentLocked(ApplicationError):
    """Sealed WBS content cannot be opened or written here: the officer's key is unlocked only
    in a back-office session started with their password (never over the API)."""

    status = 409
    code = "sealed_content_locked"
    default_message = (
        "Isi laporan WBS tersegel dan kunci Anda tidak terbuka di sini. Buka melalui situs "
        "petugas: masuk di /staf/masuk dengan kata sandi Anda, lalu lakukan tindakan ini dari "
        "halaman laporan."
    )


class PayloadTooLarge(ApplicationError):
    status = 413
    code = "payload_too_large"
    default_message = "Berkas atau data terlalu besar."


class Throttled(ApplicationError):
    status = 429
    code = "throttled"
    default_message = "Terlalu banyak percobaan. Silakan coba lagi nanti."

    def __init__(self, retry_after: int, message: str | None = None):
        self.retry_after = retry_after
        super().__init__(message)
