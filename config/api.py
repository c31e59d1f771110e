"""The JSON API v1 (shared/API.md): one NinjaAPI, routers from the apps, errors mapped once."""

from ninja import NinjaAPI, Swagger

from aduan.accounts.api import router as accounts_router
from aduan.agencies.api import router as agencies_router
from aduan.core.api_errors import install_error_handlers
from aduan.core.api_render import WitaJSONRenderer
from aduan.dashboards.api import router as dashboards_router
from aduan.intake.api import router as intake_router
from aduan.protection.api import router as protection_router
from aduan.whistleblowing.public_api import router as wbs_router

api = NinjaAPI(
    title="aduan API",
    version="1",
    description="API pengaduan masyarakat dan WBS Pemerintah Provinsi Kalimantan Selatan.",
    urls_namespace="api-v1",
    # Ninja renders its local template ("ninja" is in INSTALLED_APPS: swagger-ui from
    # ninja/static, no CDN). validatorUrl=None stops Swagger UI calling validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    renderer=WitaJSONRenderer(),
)
install_error_handlers(api)

api.add_router("", accounts_router)
api.add_router("", agencies_router)
api.add_router("", intake_router)
api.add_router("", protection_router)
api.add_router("/cases", "aduan.cases.api.router")
api.add_router("/wbs", wbs_router)
api.add_router("", dashboards_router)
