"""The profile of a unit pelayanan as screens and documents use it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitProfile:
    nama: str = ""
    alamat: str = ""
    kota: str = ""
    telepon: str = ""
    email: str = ""
    instansi_induk: str = ""
    logo: bytes | None = None
    pejabat_nama: str = ""
    pejabat_jabatan: str = ""
    pejabat_nip: str = ""
