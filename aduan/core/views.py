from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse, JsonResponse

from .errors import ApplicationError, NotFound

API_PREFIX = "/api/"

# Deliberately self-contained (no template, no static files, no request data echoed back):
# these pages must render even when the rest of the site cannot.
_PAGE = """<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body><main><h1>{title}</h1><p>{text}</p><p><a href="/">Kembali ke beranda</a></p></main></body>
</html>
"""


def healthz(request):
    """Liveness and database reachability, for load balancers and `make run`."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _page(title: str, text: str, status: int) -> HttpResponse:
    return HttpResponse(_PAGE.format(title=title, text=text), status=status)


def not_found(request, exception=None):
    """handler404: the API's JSON error shape under /api/, a plain page elsewhere."""
    if _is_api(request):
        return JsonResponse(NotFound().as_body(), status=404)
    return _page(
        "Halaman tidak ditemukan",
        "Halaman yang Anda cari tidak ada atau sudah dipindahkan.",
        404,
    )


def server_error(request):
    """handler500: never leaks details; the exception is already logged by Django."""
    if _is_api(request):
        error = ApplicationError("Terjadi kesalahan pada sistem. Silakan coba lagi.")
        error.status, error.code = 500, "server_error"
        return JsonResponse(error.as_body(), status=500)
    return _page(
        "Terjadi kesalahan",
        "Maaf, terjadi kesalahan pada sistem. Silakan coba beberapa saat lagi.",
        500,
    )
