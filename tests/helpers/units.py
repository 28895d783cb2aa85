"""A unit with its layanan and one period, made through the services as the program does."""

from __future__ import annotations

from skm_desktop.services import survey


def unit_with_periode(
    db, unit: str = "Kelurahan Uji", layanan: tuple[str, ...] = ("KTP",), periode: str = "2025"
) -> tuple[int, int]:
    """(unit id, periode id) of a new unit with ``layanan`` and the period ``periode``."""
    with db.session() as s:
        u = survey.create_unit(s, unit)
        for name in layanan:
            survey.add_layanan(s, u.id, name)
        p = survey.create_periode(s, u.id, periode)
        return u.id, p.id
