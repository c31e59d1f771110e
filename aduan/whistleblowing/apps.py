from django.apps import AppConfig


class WhistleblowingConfig(AppConfig):
    name = "aduan.whistleblowing"
    label = "whistleblowing"

    def ready(self) -> None:
        from . import (  # noqa: F401
            purgers,  # retention: crypto-shredding of expired WBS cases
            receivers,  # sign-in unlocks a holder's key
            signals,  # officers leaving lose their keys
        )
