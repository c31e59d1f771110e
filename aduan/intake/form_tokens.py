"""One submission per rendered form: a refresh after POST (or a double click) sends nothing
twice. The cache holds a hash of each token for a day: "pending" while the submission runs,
"done" after it succeeded; a failed submission releases the token so the form can be sent
again."""

import hashlib

from django.core.cache import cache

TOKEN_SECONDS = 24 * 60 * 60


class FormTokens:
    def __init__(self, namespace: str):
        self.namespace = namespace

    def _key(self, token: str) -> str:
        return f"aduan:{self.namespace}:" + hashlib.sha256(token.encode()).hexdigest()

    def claim(self, token: str | None) -> bool:
        """True if this token was never used (or the form carried none); marks it in use."""
        return True if not token else cache.add(self._key(token), "pending", TOKEN_SECONDS)

    def release(self, token: str | None) -> None:
        if token:
            cache.delete(self._key(token))

    def spend(self, token: str | None) -> None:
        if token:
            cache.set(self._key(token), "done", TOKEN_SECONDS)
