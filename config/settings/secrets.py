"""Secrets come from the environment; development generates them once into var/ (git-ignored)."""

import base64
import json
import os
import secrets
from pathlib import Path

SECRET_NAMES = ("SECRET_KEY", "ADUAN_DATA_KEYS", "ADUAN_HASH_KEY", "ADUAN_SIGNING_KEY")


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def generate() -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Keyring "id:key,id:key"; the first entry encrypts, all of them decrypt.
        "ADUAN_DATA_KEYS": f"k1:{new_key()}",
        "ADUAN_HASH_KEY": new_key(),
        # Ed25519 seed that signs proofs of report (bukti laporan).
        "ADUAN_SIGNING_KEY": new_key(),
    }


def load_dev_secrets(path: Path) -> dict[str, str]:
    """Environment first; otherwise values kept in `path`, created on first use."""
    stored: dict[str, str] = {}
    if path.exists():
        stored = json.loads(path.read_text())
    missing = [name for name in SECRET_NAMES if name not in stored]
    if missing:
        fresh = generate()
        stored.update({name: fresh[name] for name in missing})
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(stored, indent=2))
        tmp.chmod(0o600)
        tmp.replace(path)
    return {name: os.environ.get(name) or stored[name] for name in SECRET_NAMES}


def parse_keyring(value: str) -> dict[str, bytes]:
    """'k2:BASE64,k1:BASE64' -> ordered {key_id: key}; the first one is current."""
    ring: dict[str, bytes] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        key_id, _, encoded = item.partition(":")
        key = base64.urlsafe_b64decode(encoded)
        if not key_id or len(key) != 32:
            raise ValueError("ADUAN_DATA_KEYS: setiap kunci harus 'id:base64' 32 byte")
        ring[key_id] = key
    if not ring:
        raise ValueError("ADUAN_DATA_KEYS kosong")
    return ring


def parse_signing_key(value: str) -> bytes:
    key = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    if len(key) != 32:
        raise ValueError("ADUAN_SIGNING_KEY harus 32 byte (base64)")
    return key
