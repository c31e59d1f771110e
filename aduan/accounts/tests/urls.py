"""The site's URLs plus, for the sign-in tests, one protected staff page and a small API
guarded by `staff_auth`, independent of what the real back-office pages do."""

from django.http import HttpResponse
from django.urls import path
from ninja import NinjaAPI

from aduan.accounts.api_auth import staff_auth
from aduan.accounts.gate import staff_required
from aduan.core.api_errors import install_error_handlers
from config.urls import urlpatterns as site_urlpatterns


@staff_required
def protected(request):
    return HttpResponse(f"halo {request.user.username}")


test_api = NinjaAPI(urls_namespace="accounts-test-api")
install_error_handlers(test_api)


@test_api.get("/whoami", auth=staff_auth)
def whoami(request):
    return {"username": request.auth.username}


@test_api.post("/ping", auth=staff_auth)
def ping(request):
    return {"ok": True}


urlpatterns = [
    path("uji/rahasia", protected, name="protected"),
    path("uji-api/", test_api.urls),
    *site_urlpatterns,
]
