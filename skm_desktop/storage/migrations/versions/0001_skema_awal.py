"""skema awal

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "pengaturan",
        sa.Column("kunci", sa.String(length=80), nullable=False),
        sa.Column("nilai", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kunci", name=op.f("pk_pengaturan")),
    )
    op.create_table(
        "skm_meta",
        sa.Column("kunci", sa.String(length=64), nullable=False),
        sa.Column("nilai", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kunci", name=op.f("pk_skm_meta")),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("alamat", sa.Text(), nullable=False),
        sa.Column("kota", sa.String(length=100), nullable=False),
        sa.Column("telepon", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("instansi_induk", sa.String(length=200), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("pejabat_nama", sa.String(length=200), nullable=False),
        sa.Column("pejabat_jabatan", sa.String(length=200), nullable=False),
        sa.Column("pejabat_nip", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("nama", name=op.f("uq_unit_nama")),
    )
    op.create_table(
        "ikm_manual",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("ikm_konversi", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_ikm_manual_unit_id_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ikm_manual")),
        sa.UniqueConstraint("unit_id", "label", name=op.f("uq_ikm_manual_unit_id")),
    )
    op.create_table(
        "layanan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("aktif", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_layanan_unit_id_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_layanan")),
        sa.UniqueConstraint("unit_id", "nama", name=op.f("uq_layanan_unit_id")),
    )
    with op.batch_alter_table("layanan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_layanan_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "opsi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=40), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("kode", sa.String(length=4), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_opsi_unit_id_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opsi")),
        sa.UniqueConstraint("unit_id", "jenis", "label", name=op.f("uq_opsi_unit_id")),
    )
    with op.batch_alter_table("opsi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opsi_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "periode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("nama", sa.String(length=100), nullable=False),
        sa.Column("tanggal_mulai", sa.Date(), nullable=True),
        sa.Column("tanggal_selesai", sa.Date(), nullable=True),
        sa.Column("bobot_mode", sa.String(length=10), nullable=False),
        sa.Column("ditutup", sa.Boolean(), nullable=False),
        sa.Column("n_prioritas", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("bobot_mode IN ('standar','eksak','kustom')", name=op.f("ck_periode_bobot_mode")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_periode_unit_id_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periode")),
        sa.UniqueConstraint("unit_id", "nama", name=op.f("uq_periode_unit_id")),
    )
    with op.batch_alter_table("periode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_periode_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_draft_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft")),
        sa.UniqueConstraint("periode_id", "operator", name=op.f("uq_draft_periode_id")),
    )
    op.create_table(
        "responden",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("no_kuesioner", sa.Integer(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=True),
        sa.Column("layanan_id", sa.Integer(), nullable=True),
        sa.Column("jenis_kelamin", sa.String(length=20), nullable=True),
        sa.Column("usia", sa.Integer(), nullable=True),
        sa.Column("pendidikan", sa.String(length=100), nullable=True),
        sa.Column("pekerjaan", sa.String(length=100), nullable=True),
        sa.Column("saran", sa.Text(), nullable=False),
        sa.Column("sumber", sa.String(length=10), nullable=False),
        sa.Column("batch", sa.String(length=50), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("sumber IN ('kertas','kiosk','impor')", name=op.f("ck_responden_sumber")),
        sa.ForeignKeyConstraint(
            ["layanan_id"], ["layanan.id"], name=op.f("fk_responden_layanan_id_layanan"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_responden_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responden")),
        sa.UniqueConstraint("periode_id", "no_kuesioner", name=op.f("uq_responden_periode_id")),
    )
    with op.batch_alter_table("responden", schema=None) as batch_op:
        batch_op.create_index("ix_responden_periode_layanan", ["periode_id", "layanan_id"], unique=False)

    op.create_table(
        "rtl",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("unsur_kode", sa.String(length=10), nullable=False),
        sa.Column("program", sa.Text(), nullable=False),
        sa.Column("waktu", sa.String(length=40), nullable=False),
        sa.Column("penanggung_jawab", sa.String(length=200), nullable=False),
        sa.Column("realisasi", sa.String(length=10), nullable=False),
        sa.Column("realisasi_deskripsi", sa.Text(), nullable=False),
        sa.Column("realisasi_hambatan", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_rtl_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rtl")),
    )
    with op.batch_alter_table("rtl", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rtl_periode_id"), ["periode_id"], unique=False)

    op.create_table(
        "target_sampel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("layanan_id", sa.Integer(), nullable=False),
        sa.Column("populasi", sa.Integer(), nullable=False),
        sa.Column("metode", sa.String(length=20), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["layanan_id"], ["layanan.id"], name=op.f("fk_target_sampel_layanan_id_layanan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_target_sampel_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_sampel")),
        sa.UniqueConstraint("periode_id", "layanan_id", name=op.f("uq_target_sampel_periode_id")),
    )
    with op.batch_alter_table("target_sampel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_sampel_periode_id"), ["periode_id"], unique=False)

    op.create_table(
        "teks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=True),
        sa.Column("kunci", sa.String(length=60), nullable=False),
        sa.Column("isi", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_teks_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_teks_unit_id_unit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teks")),
        sa.UniqueConstraint("unit_id", "periode_id", "kunci", name=op.f("uq_teks_unit_id")),
    )
    op.create_table(
        "unsur",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("kode", sa.String(length=10), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("pertanyaan", sa.Text(), nullable=False),
        sa.Column("definisi", sa.Text(), nullable=False),
        sa.Column("label_1", sa.String(length=100), nullable=False),
        sa.Column("label_2", sa.String(length=100), nullable=False),
        sa.Column("label_3", sa.String(length=100), nullable=False),
        sa.Column("label_4", sa.String(length=100), nullable=False),
        sa.Column("bobot", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_unsur_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unsur")),
        sa.UniqueConstraint("periode_id", "kode", name=op.f("uq_unsur_periode_id")),
    )
    with op.batch_alter_table("unsur", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unsur_periode_id"), ["periode_id"], unique=False)

    op.create_table(
        "jawaban",
        sa.Column("responden_id", sa.Integer(), nullable=False),
        sa.Column("unsur_id", sa.Integer(), nullable=False),
        sa.Column("nilai", sa.Integer(), nullable=False),
        sa.CheckConstraint("nilai BETWEEN 1 AND 4", name=op.f("ck_jawaban_nilai")),
        sa.ForeignKeyConstraint(
            ["responden_id"], ["responden.id"], name=op.f("fk_jawaban_responden_id_responden"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["unsur_id"], ["unsur.id"], name=op.f("fk_jawaban_unsur_id_unsur"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("responden_id", "unsur_id", name=op.f("pk_jawaban")),
    )
    with op.batch_alter_table("jawaban", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jawaban_unsur_id"), ["unsur_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("jawaban", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jawaban_unsur_id"))

    op.drop_table("jawaban")
    with op.batch_alter_table("unsur", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unsur_periode_id"))

    op.drop_table("unsur")
    op.drop_table("teks")
    with op.batch_alter_table("target_sampel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_sampel_periode_id"))

    op.drop_table("target_sampel")
    with op.batch_alter_table("rtl", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rtl_periode_id"))

    op.drop_table("rtl")
    with op.batch_alter_table("responden", schema=None) as batch_op:
        batch_op.drop_index("ix_responden_periode_layanan")

    op.drop_table("responden")
    op.drop_table("draft")
    with op.batch_alter_table("periode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_periode_unit_id"))

    op.drop_table("periode")
    with op.batch_alter_table("opsi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opsi_unit_id"))

    op.drop_table("opsi")
    with op.batch_alter_table("layanan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_layanan_unit_id"))

    op.drop_table("layanan")
    op.drop_table("ikm_manual")
    op.drop_table("unit")
    op.drop_table("skm_meta")
    op.drop_table("pengaturan")
