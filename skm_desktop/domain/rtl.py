"""Rencana tindak lanjut (RTL): the fixed vocabularies of a plan row (pure)."""

from __future__ import annotations

TRIWULAN = ("TW I", "TW II", "TW III", "TW IV")
JANGKA = ("jangka pendek", "jangka menengah", "jangka panjang")
JANGKA_LABEL = {
    "jangka pendek": "Jangka pendek (< 12 bulan)",
    "jangka menengah": "Jangka menengah (12–24 bulan)",
    "jangka panjang": "Jangka panjang (> 24 bulan)",
}


def jangka_label(jangka: str | None) -> str:
    """The printed label of a jangka; an unknown one as stored, none as '–'."""
    return JANGKA_LABEL.get(jangka or "", jangka or "–")
