"""Database models. Portable SQLAlchemy types only, so PostgreSQL can serve later.

Changing anything here needs a new Alembic revision in ``migrations/versions``
(a test compares the migrated schema with these models).
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column, relationship

from skm_desktop.domain.karakteristik import SUMBER
from skm_desktop.domain.kualitas import JENIS_VERIFIKASI
from skm_desktop.domain.unsur import BobotMode

from .files import computer_name

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def this_computer() -> str:
    """The PC a row is written on (the audit trail says where each change was made)."""
    return computer_name()[:100]


def _one_of(column: str, values: Iterable[str]) -> CheckConstraint:
    """The check that ``column`` holds one of ``values`` (named after the column)."""
    listed = ",".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


def belongs_to(parent: str, **column: Any) -> MappedColumn[Any]:
    """The id of the ``parent`` row this row belongs to: it goes when its parent goes (ON DELETE CASCADE)."""
    return mapped_column(ForeignKey(f"{parent}.id", ondelete="CASCADE"), **column)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class KeyValue:
    """A key/value table: one text under each key (the key's width is the table's own)."""

    __tablename__: str
    kunci: Mapped[str]
    nilai: Mapped[str] = mapped_column(Text)


class Meta(KeyValue, Base):
    """Facts about the file itself (application id, creator version)."""

    __tablename__ = "skm_meta"
    kunci: Mapped[str] = mapped_column(String(64), primary_key=True)


class Unit(Base):
    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200), unique=True)
    alamat: Mapped[str] = mapped_column(Text, default="")
    kota: Mapped[str] = mapped_column(String(100), default="")
    telepon: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    instansi_induk: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    pejabat_nama: Mapped[str] = mapped_column(String(200), default="")
    pejabat_jabatan: Mapped[str] = mapped_column(String(200), default="")
    pejabat_nip: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # the unit's group in a city recap (Dinas, Kecamatan, Puskesmas …); "" = not set
    kelompok: Mapped[str] = mapped_column(String(40), default="", server_default="")

    layanan: Mapped[list["Layanan"]] = relationship(
        back_populates="unit", order_by="Layanan.urutan", cascade="all, delete-orphan"
    )
    periode: Mapped[list["Periode"]] = relationship(
        back_populates="unit", order_by="Periode.id", cascade="all, delete-orphan"
    )


class Opsi(Base):
    """Editable choice lists of a unit (pendidikan, pekerjaan, jenis kelamin)."""

    __tablename__ = "opsi"
    __table_args__ = (UniqueConstraint("unit_id", "jenis", "label"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = belongs_to("unit", index=True)
    jenis: Mapped[str] = mapped_column(String(40))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(100))
    kode: Mapped[str] = mapped_column(String(4), default="")  # one-key code for entry


class Layanan(Base):
    __tablename__ = "layanan"
    __table_args__ = (UniqueConstraint("unit_id", "nama"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = belongs_to("unit", index=True)
    nama: Mapped[str] = mapped_column(String(200))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    unit: Mapped[Unit] = relationship(back_populates="layanan")


class Periode(Base):
    __tablename__ = "periode"
    __table_args__ = (
        UniqueConstraint("unit_id", "nama"),
        _one_of("bobot_mode", (mode.value for mode in BobotMode)),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = belongs_to("unit", index=True)
    nama: Mapped[str] = mapped_column(String(100))
    tanggal_mulai: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    tanggal_selesai: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    bobot_mode: Mapped[str] = mapped_column(String(10), default="standar")
    ditutup: Mapped[bool] = mapped_column(Boolean, default=False)
    n_prioritas: Mapped[int] = mapped_column(Integer, default=3)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[Unit] = relationship(back_populates="periode")
    unsur: Mapped[list["UnsurRow"]] = relationship(
        back_populates="periode", order_by="UnsurRow.urutan", cascade="all, delete-orphan"
    )
    target: Mapped[list["TargetSampel"]] = relationship(cascade="all, delete-orphan")


class TargetSampel(Base):
    """Population and sample target of one layanan in one period."""

    __tablename__ = "target_sampel"
    __table_args__ = (UniqueConstraint("periode_id", "layanan_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode", index=True)
    layanan_id: Mapped[int] = belongs_to("layanan")
    populasi: Mapped[int] = mapped_column(Integer, default=0)
    metode: Mapped[str] = mapped_column(String(20), default="krejcie-morgan")
    target: Mapped[int] = mapped_column(Integer, default=0)


class UnsurRow(Base):
    __tablename__ = "unsur"
    __table_args__ = (UniqueConstraint("periode_id", "kode"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode", index=True)
    urutan: Mapped[int] = mapped_column(Integer)
    kode: Mapped[str] = mapped_column(String(10))
    nama: Mapped[str] = mapped_column(String(200))
    pertanyaan: Mapped[str] = mapped_column(Text, default="")
    definisi: Mapped[str] = mapped_column(Text, default="")
    label_1: Mapped[str] = mapped_column(String(100))
    label_2: Mapped[str] = mapped_column(String(100))
    label_3: Mapped[str] = mapped_column(String(100))
    label_4: Mapped[str] = mapped_column(String(100))
    bobot: Mapped[str | None] = mapped_column(String(20), nullable=True)  # exact decimal text, kustom only
    periode: Mapped[Periode] = relationship(back_populates="unsur")


class Respondent(Base):
    __tablename__ = "responden"
    __table_args__ = (
        UniqueConstraint("periode_id", "no_kuesioner"),
        _one_of("sumber", SUMBER),
        Index("ix_responden_periode_layanan", "periode_id", "layanan_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode")
    no_kuesioner: Mapped[int] = mapped_column(Integer)
    tanggal: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    layanan_id: Mapped[int | None] = mapped_column(ForeignKey("layanan.id", ondelete="RESTRICT"), nullable=True)
    jenis_kelamin: Mapped[str | None] = mapped_column(String(20), nullable=True)
    usia: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pendidikan: Mapped[str | None] = mapped_column(String(100), nullable=True)
    pekerjaan: Mapped[str | None] = mapped_column(String(100), nullable=True)
    saran: Mapped[str] = mapped_column(Text, default="")
    sumber: Mapped[str] = mapped_column(String(10), default="kertas")
    batch: Mapped[str] = mapped_column(String(50), default="")
    operator: Mapped[str] = mapped_column(String(100), default="")
    # position of the form inside its paper batch (1, 2, …), for traceability
    posisi: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # held for the operator's review (e.g. a suspicious kiosk burst): not counted
    # in any result until accepted
    ditahan: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Audit(Base):
    """Every change and deletion of a stored questionnaire, with before/after (JSON)."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_periode_waktu", "periode_id", "waktu"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    waktu: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    operator: Mapped[str] = mapped_column(String(100), default="")
    #: the PC the change was made on (several PCs share one database on a server)
    komputer: Mapped[str] = mapped_column(String(100), default=this_computer, server_default="")
    aksi: Mapped[str] = mapped_column(String(20))  # tambah / ubah / hapus / pulih / verifikasi …
    periode_id: Mapped[int | None] = belongs_to("periode", nullable=True)
    responden_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # no FK: survives deletion
    no_kuesioner: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sebelum: Mapped[str | None] = mapped_column(Text, nullable=True)
    sesudah: Mapped[str | None] = mapped_column(Text, nullable=True)
    keterangan: Mapped[str] = mapped_column(Text, default="")
    # the audit row this one refers to (a "pulih" row names the "hapus" row it restored)
    ref_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class KinerjaEntri(Base):
    """Keystrokes and keying time of one questionnaire keyed by one operator
    (first entry or verification), for the keystrokes-per-hour statistic."""

    __tablename__ = "kinerja_entri"
    __table_args__ = (
        _one_of("jenis", ("entri", "verifikasi")),
        Index("ix_kinerja_entri_periode_operator", "periode_id", "operator"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode")
    operator: Mapped[str] = mapped_column(String(100), default="")
    jenis: Mapped[str] = mapped_column(String(10), default="entri")
    no_kuesioner: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ketukan: Mapped[int] = mapped_column(Integer, default=0)  # key presses
    durasi_ms: Mapped[int] = mapped_column(Integer, default=0)  # keying time of the form
    waktu: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Verifikasi(Base):
    """A double-entry verification job: a paper batch, or a random sample of a period."""

    __tablename__ = "verifikasi"
    __table_args__ = (_one_of("jenis", JENIS_VERIFIKASI),)
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode", index=True)
    jenis: Mapped[str] = mapped_column(String(10))
    batch: Mapped[str] = mapped_column(String(50), default="")
    persen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    benih: Mapped[int | None] = mapped_column(Integer, nullable=True)  # random seed of a sample
    operator: Mapped[str] = mapped_column(String(100), default="")  # the second (verifying) operator
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    selesai: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class VerifikasiItem(Base):
    """One questionnaire of a verification job and its blind second entry (JSON)."""

    __tablename__ = "verifikasi_item"
    __table_args__ = (_one_of("status", ("antre", "diketik", "selesai")),)
    id: Mapped[int] = mapped_column(primary_key=True)
    verifikasi_id: Mapped[int] = belongs_to("verifikasi", index=True)
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    responden_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)  # no FK
    no_kuesioner: Mapped[int] = mapped_column(Integer)
    operator_1: Mapped[str] = mapped_column(String(100), default="")  # who keyed the first entry
    status: Mapped[str] = mapped_column(String(10), default="antre")
    entri_kedua: Mapped[str | None] = mapped_column(Text, nullable=True)
    waktu_ketik: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    n_isian: Mapped[int] = mapped_column(Integer, default=0)  # fields compared
    n_selisih: Mapped[int] = mapped_column(Integer, default=0)


class VerifikasiSelisih(Base):
    """A field on which the two entries differ, and how it was resolved against the paper."""

    __tablename__ = "verifikasi_selisih"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = belongs_to("verifikasi_item", index=True)
    isian: Mapped[str] = mapped_column(String(20))  # field key: tanggal, usia, u3 …
    nilai_1: Mapped[str] = mapped_column(Text, default="")
    nilai_2: Mapped[str] = mapped_column(Text, default="")
    nilai_final: Mapped[str | None] = mapped_column(Text, nullable=True)
    pilihan: Mapped[str] = mapped_column(String(10), default="")  # pertama / kedua / lain
    operator: Mapped[str] = mapped_column(String(100), default="")
    waktu: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class Jawaban(Base):
    """One answer 1–4. A blank answer ("kosong") is the absence of a row."""

    __tablename__ = "jawaban"
    __table_args__ = (
        CheckConstraint("nilai BETWEEN 1 AND 4", name="nilai"),
        # covering index: a period's counts per unsur and value are read from the
        # index alone (results.tally), ~10× faster than joining every answer
        Index("ix_jawaban_unsur_nilai", "unsur_id", "nilai"),
    )
    responden_id: Mapped[int] = belongs_to("responden", primary_key=True)
    unsur_id: Mapped[int] = belongs_to("unsur", primary_key=True)
    nilai: Mapped[int] = mapped_column(Integer)


class Rtl(Base):
    """Rencana tindak lanjut for a priority unsur, and its realisation."""

    __tablename__ = "rtl"
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode", index=True)
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    unsur_kode: Mapped[str] = mapped_column(String(10))
    program: Mapped[str] = mapped_column(Text)
    waktu: Mapped[str] = mapped_column(String(40), default="")  # "TW I,TW II" or "jangka pendek" …
    penanggung_jawab: Mapped[str] = mapped_column(String(200), default="")
    realisasi: Mapped[str] = mapped_column(String(10), default="")  # "" / "sudah" / "belum"
    realisasi_deskripsi: Mapped[str] = mapped_column(Text, default="")
    realisasi_hambatan: Mapped[str] = mapped_column(Text, default="")
    realisasi_strategi: Mapped[str] = mapped_column(Text, default="", server_default="")


class Teks(Base):
    """Editable texts of the laporan, per unit (periode_id NULL) or per period."""

    __tablename__ = "teks"
    __table_args__ = (UniqueConstraint("unit_id", "periode_id", "kunci"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = belongs_to("unit")
    periode_id: Mapped[int | None] = belongs_to("periode", nullable=True)
    kunci: Mapped[str] = mapped_column(String(60))
    isi: Mapped[str] = mapped_column(Text)


class IkmManual(Base):
    """Past IKM figures typed in by hand for the trend (years not in the database)."""

    __tablename__ = "ikm_manual"
    __table_args__ = (UniqueConstraint("unit_id", "label"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = belongs_to("unit")
    label: Mapped[str] = mapped_column(String(40))
    ikm_konversi: Mapped[str] = mapped_column(String(12))  # exact decimal text, e.g. "86.89"


class Pengaturan(KeyValue, Base):
    """Application settings stored with the data (kiosk, entry)."""

    __tablename__ = "pengaturan"
    kunci: Mapped[str] = mapped_column(String(80), primary_key=True)


class Draft(Base):
    """An entry row in progress, kept across restarts (JSON text)."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("periode_id", "operator"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode")
    operator: Mapped[str] = mapped_column(String(100), default="")
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class LampiranFoto(Base):
    """A documentation photo of a period for the laporan's lampiran (JPEG, scaled down
    and checked on input by io.foto)."""

    __tablename__ = "lampiran_foto"
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode", index=True)
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    keterangan: Mapped[str] = mapped_column(String(200), default="")
    lebar: Mapped[int] = mapped_column(Integer)
    tinggi: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# ---------------------------------------------------------------- city / province recap (rekap.md)
class RekapTarget(Base):
    """Target sample of a unit in a recap year."""

    __tablename__ = "rekap_target"
    __table_args__ = (UniqueConstraint("unit_id", "tahun"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = belongs_to("unit")
    tahun: Mapped[int] = mapped_column(Integer)
    target: Mapped[int] = mapped_column(Integer)


class RekapSasaran(Base):
    """The city's target IKM (sasaran, from its plan) for a year, exact decimal text."""

    __tablename__ = "rekap_sasaran"
    tahun: Mapped[int] = mapped_column(Integer, primary_key=True)
    ikm: Mapped[str] = mapped_column(String(12))


class RekapRingkasan(Base):
    """A summary row of a unit that sent only its figures, stored as given (exact decimal text)."""

    __tablename__ = "rekap_ringkasan"
    __table_args__ = (
        UniqueConstraint("unit_id", "tahun", "periode"),
        CheckConstraint("skala IN ('','nrr','konversi')", name="skala"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = belongs_to("unit")
    tahun: Mapped[int] = mapped_column(Integer)
    periode: Mapped[str] = mapped_column(String(20))  # Tahunan, Semester I, Triwulan II …
    ikm: Mapped[str | None] = mapped_column(String(12), nullable=True)  # konversi 25–100 as published
    u1: Mapped[str | None] = mapped_column(String(12), nullable=True)
    u2: Mapped[str | None] = mapped_column(String(12), nullable=True)
    u3: Mapped[str | None] = mapped_column(String(12), nullable=True)
    u4: Mapped[str | None] = mapped_column(String(12), nullable=True)
    u5: Mapped[str | None] = mapped_column(String(12), nullable=True)
    u6: Mapped[str | None] = mapped_column(String(12), nullable=True)
    u7: Mapped[str | None] = mapped_column(String(12), nullable=True)
    u8: Mapped[str | None] = mapped_column(String(12), nullable=True)
    u9: Mapped[str | None] = mapped_column(String(12), nullable=True)
    skala: Mapped[str] = mapped_column(String(10), default="")  # scale of u1…u9: nrr (1–4) / konversi
    responden: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target: Mapped[int | None] = mapped_column(Integer, nullable=True)
    metode: Mapped[str] = mapped_column(String(20), default="")
    unsur_prioritas: Mapped[str] = mapped_column(Text, default="")
    rtl: Mapped[str] = mapped_column(Text, default="")
    realisasi_rtl: Mapped[str | None] = mapped_column(String(12), nullable=True)
    mutu: Mapped[str] = mapped_column(String(1), default="")  # as published ("" = not given)
    berkas: Mapped[str] = mapped_column(String(255), default="")  # the file it came from
    ditambahkan: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RekapPaket(Base):
    """The .skm package a period of the recap came from, to recognise it again:
    the file's hash (the same package twice changes nothing) and the package's own
    creation time and program version (a newer one replaces an older one)."""

    __tablename__ = "rekap_paket"
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = belongs_to("periode", unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    dibuat_pada: Mapped[str] = mapped_column(String(40), default="")  # ISO time written by the exporter
    dibuat_oleh: Mapped[str] = mapped_column(String(100), default="")
    berkas: Mapped[str] = mapped_column(String(255), default="")
    ditambahkan: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PindaiLembar(Base):
    """One scanned sheet read by services.pindai: stored (``responden_id``) or held for the
    operator's review (``status`` 'tinjau', its page image kept for the review screen).
    ``bacaan``: JSON of what was read (values, fields in doubt, confidence)."""

    __tablename__ = "pindai_lembar"
    __table_args__ = (
        UniqueConstraint("periode_id", "no_kuesioner"),
        CheckConstraint("status IN ('tinjau','simpan')", name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id", ondelete="CASCADE"))
    no_kuesioner: Mapped[int] = mapped_column(Integer)
    berkas: Mapped[str] = mapped_column(String(260))
    halaman: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))
    responden_id: Mapped[int | None] = mapped_column(
        ForeignKey("responden.id", ondelete="SET NULL"), nullable=True, index=True
    )
    bacaan: Mapped[str] = mapped_column(Text)
    saran_png: Mapped[bytes] = mapped_column(LargeBinary)
    halaman_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
