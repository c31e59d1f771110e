"""Who acts on a case. Staff are Users (with .role); the reporter is known only by receipt;
the system runs sweeps. All three expose `.role` so the workflow table can judge them."""

from dataclasses import dataclass

from .workflow import REPORTER, SYSTEM


@dataclass(frozen=True)
class ReporterActor:
    """The holder of a case's receipt (or, before a case exists, the person submitting)."""

    case_id: int | None = None
    role: str = REPORTER
    is_authenticated: bool = False


@dataclass(frozen=True)
class SystemActor:
    role: str = SYSTEM
    is_authenticated: bool = False


SYSTEM_ACTOR = SystemActor()


def role_of(actor) -> str:
    return getattr(actor, "role", "") or ""


def user_of(actor):
    """The User to store on events, or None for the reporter and the system."""
    return actor if getattr(actor, "pk", None) and hasattr(actor, "username") else None
