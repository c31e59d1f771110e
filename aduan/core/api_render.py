"""JSON for the API: times as ISO 8601 in WITA with their offset (+08:00), as API.md promises."""

import datetime as dt
from typing import Any

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from . import clock


class WitaJSONEncoder(NinjaJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime) and o.tzinfo is not None:
            return clock.local(o).isoformat(timespec="seconds")
        return super().default(o)


class WitaJSONRenderer(JSONRenderer):
    encoder_class = WitaJSONEncoder
