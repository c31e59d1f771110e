"""The JSON API v1 (shared/API.md): one NinjaAPI, routers from the apps, errors mapped once."""

from ninja import NinjaAPI

from aduan.core.api_errors import install_error_handlers

api = NinjaAPI(
    title="aduan API",
    version="1",
    description="API pengaduan masyarakat dan WBS Pemerintah Provinsi Kalimantan Selatan.",
    urls_namespace="api-v1",
)
install_error_handlers(api)
