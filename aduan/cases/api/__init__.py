"""Staff JSON API for cases, mounted at /api/v1/cases (config/api.py)."""

from .views import router

__all__ = ["router"]
