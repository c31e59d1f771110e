"""The configurable list of sanction measures, seeded once; admins edit it afterwards."""

from .models import SanctionMeasure

# PP 94/2021 (disiplin PNS) names the written forms; the last two are the provincial practice
# the Pergub points at ("confirm": kept editable, as the agencies list is).
DEFAULT_MEASURES = (
    ("teguran-lisan", "Teguran lisan", "PP 94/2021 Pasal 8 (confirm)"),
    ("teguran-tertulis", "Teguran tertulis", "PP 94/2021 Pasal 8 (confirm)"),
    ("pernyataan-tidak-puas", "Pernyataan tidak puas secara tertulis", "PP 94/2021 (confirm)"),
    ("pembinaan-sekda", "Pembinaan oleh Sekretaris Daerah", "Pergub Kalsel 55/2024 (confirm)"),
    (
        "rekomendasi-gubernur",
        "Rekomendasi sanksi kepada Gubernur",
        "Pergub Kalsel 55/2024 (confirm)",
    ),
    ("lainnya", "Tindakan lain", ""),
)


def seed_sanction_measures() -> int:
    created = 0
    for order, (code, name, evidence) in enumerate(DEFAULT_MEASURES, start=1):
        _, was_created = SanctionMeasure.objects.get_or_create(
            code=code, defaults={"name": name, "order": order * 10, "evidence": evidence}
        )
        created += was_created
    return created
