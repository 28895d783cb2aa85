"""Columns of the entry grid, shaped like the paper recap table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Col:
    key: str  # record field, or "u" for an unsur answer
    header: str
    kind: str  # no / tanggal / choice / usia / unsur / saran
    width: int
    unsur: int | None = None  # index of the unsur for kind "unsur"
    tip: str = ""


FIELD_HEADERS = {
    "layanan": "Jenis layanan",
    "jenis_kelamin": "Jenis kelamin",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
}


def make_columns(unsur_codes: list[str], unsur_names: list[str]) -> list[Col]:
    cols = [
        Col("no", "No", "no", 44, tip="Nomor kuesioner (terisi otomatis)"),
        Col("tanggal", "Tanggal", "tanggal", 132, tip="Tanggal survei; ketik HHBBTTTT, mis. 14122024"),
        Col("layanan", "Layanan", "choice", 106, tip="Jenis layanan"),
        Col("jenis_kelamin", "JK", "choice", 40, tip="Jenis kelamin"),
        Col("usia", "Usia", "usia", 40, tip="Usia (tahun)"),
        Col("pendidikan", "Pend.", "choice", 56, tip="Pendidikan terakhir"),
        Col("pekerjaan", "Pekerjaan", "choice", 80, tip="Pekerjaan utama"),
    ]
    for i, (code, name) in enumerate(zip(unsur_codes, unsur_names)):
        cols.append(Col("u", code, "unsur", 42, unsur=i, tip=f"{code} {name}"))
    cols.append(Col("saran", "Saran", "saran", 80, tip="Saran dan masukan (boleh kosong)"))
    return cols
