"""Reporter identity: validation, sealing into ReporterIdentity and opening it again.

Opening is not an access decision: callers go through aduan.cases.access first.
"""

import re
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from aduan import crypto
from aduan.core import clock
from aduan.core.errors import ValidationFailed

from .models import ReporterIdentity


@dataclass(frozen=True)
class ReporterData:
    name: str = ""
    nik: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    is_asn: bool = False
    nip: str = ""

    def __repr__(self) -> str:  # never print identity by accident (logs, tracebacks)
        return "ReporterData(<disegel>)"

    __str__ = __repr__


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits


def clean_reporter(data: ReporterData) -> ReporterData:
    """Validates and normalises; errors name the field, never echo the value."""
    errors: dict[str, list[str]] = {}
    name = data.name.strip()
    nik = re.sub(r"\s", "", data.nik)
    nip = re.sub(r"\s", "", data.nip)
    email = data.email.strip().lower()
    phone = normalise_phone(data.phone) if data.phone.strip() else ""
    if not name:
        errors["reporter.name"] = ["Nama wajib diisi bila laporan tidak anonim."]
    elif len(name) > 200:
        errors["reporter.name"] = ["Nama paling banyak 200 karakter."]
    if nik and not re.fullmatch(r"\d{16}", nik):
        errors["reporter.nik"] = ["NIK harus 16 angka."]
    if nip and not re.fullmatch(r"\d{18}", nip):
        errors["reporter.nip"] = ["NIP harus 18 angka."]
    if nip and not data.is_asn:
        errors["reporter.is_asn"] = ["NIP hanya diisi oleh pelapor ASN."]
    if phone and not re.fullmatch(r"\d{8,15}", phone):
        errors["reporter.phone"] = ["Nomor telepon tidak valid."]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["reporter.email"] = ["Alamat e-mail tidak valid."]
    if len(data.address) > 500:
        errors["reporter.address"] = ["Alamat paling banyak 500 karakter."]
    if errors:
        raise ValidationFailed(fields=errors)
    return ReporterData(
        name=name,
        nik=nik,
        phone=phone,
        email=email,
        address=data.address.strip(),
        is_asn=bool(data.is_asn),
        nip=nip,
    )


def _aad(case_id: int, field: str) -> str:
    # Binding to row and field stops a ciphertext being moved to another case or column.
    return f"case:{case_id}:{field}"


HASHED_FIELDS = ("nik", "phone", "email", "nip")


def nip_hash(nip: str) -> str:
    """The keyed hash of a NIP (digits only), as stored in ReporterIdentity.nip_hash."""
    return crypto.keyed_hash(re.sub(r"\D", "", nip or ""), purpose="reporter-nip")


def seal_identity(case, data: ReporterData) -> ReporterIdentity:
    values = {
        f"{name}_enc": crypto.encrypt_text(getattr(data, name), associated_data=_aad(case.pk, name))
        for name in ReporterIdentity.ENCRYPTED_FIELDS
    }
    hashes = {
        f"{name}_hash": crypto.keyed_hash(getattr(data, name), purpose=f"reporter-{name}")
        for name in HASHED_FIELDS
    }
    return ReporterIdentity(
        case=case, is_asn=data.is_asn, created_at=clock.now(), **values, **hashes
    )


def open_identity(identity: ReporterIdentity) -> ReporterData:
    opened = {
        name: crypto.decrypt_text(
            getattr(identity, f"{name}_enc"), associated_data=_aad(identity.case_id, name)
        )
        for name in ReporterIdentity.ENCRYPTED_FIELDS
    }
    return ReporterData(is_asn=identity.is_asn, **opened)


def backfill_nip_hashes(model=ReporterIdentity, batch: int = 500) -> int:
    """Fills nip_hash for rows sealed before the column existed (the data migration and
    `manage.py backfill_nip_hashes` call this). Opens only the NIP field; returns the count.
    `model` may be a migration's historical model."""
    filled = 0
    rows = model.objects.filter(nip_hash="").exclude(nip_enc="").order_by("pk")
    for row in rows.iterator(chunk_size=batch):
        nip = crypto.decrypt_text(row.nip_enc, associated_data=_aad(row.case_id, "nip"))
        value = nip_hash(nip)
        if value:
            model.objects.filter(pk=row.pk).update(nip_hash=value)
            filled += 1
    return filled


def reseal_if_stale(identity: ReporterIdentity) -> bool:
    """Re-encrypts with the current key when any field used an older one (key rotation)."""
    current = crypto.current_key_id()
    stale = any(
        crypto.key_id_of(getattr(identity, f"{name}_enc")) not in (None, current)
        for name in ReporterIdentity.ENCRYPTED_FIELDS
    )
    if not stale:
        return False
    data = open_identity(identity)
    for name in ReporterIdentity.ENCRYPTED_FIELDS:
        setattr(
            identity,
            f"{name}_enc",
            crypto.encrypt_text(getattr(data, name), associated_data=_aad(identity.case_id, name)),
        )
    return True


REPORTER_FIELD_NAMES = tuple(f.name for f in fields(ReporterData))
