import pytest
from django.core.cache import cache

from aduan.accounts.models import User
from aduan.core import clock
from aduan.crypto import totp

PASSWORD = "Kata-Sandi-Uji-7391!"


@pytest.fixture(autouse=True)
def _fresh_cache_and_urls(settings):
    """Throttle counters live in the cache; each test starts clean. Tests use their own URLs."""
    settings.ROOT_URLCONF = "aduan.accounts.tests.urls"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(reference):
    from aduan.agencies.models import Agency

    return User.objects.create_user(
        "opd.uji",
        password=PASSWORD,
        role="agency_officer",
        agency=Agency.objects.get(code="DPUPR"),
    )


def enrol(user: User) -> str:
    """Gives the user a confirmed TOTP secret; returns the secret."""
    secret = totp.random_secret()
    user.set_totp_secret(secret)
    user.totp_confirmed_at = clock.now()
    user.save()
    return secret


@pytest.fixture
def enrolled(officer):
    secret = enrol(officer)
    return officer, secret
