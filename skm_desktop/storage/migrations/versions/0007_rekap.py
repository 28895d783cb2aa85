"""city / province recap: unit.kelompok, target sample per unit and year, sasaran
per year, summary rows (ringkasan) and the packages added to the recap

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kelompok", sa.String(length=40), server_default="", nullable=False))
    op.create_table(
        "rekap_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_rekap_target_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rekap_target")),
        sa.UniqueConstraint("unit_id", "tahun", name=op.f("uq_rekap_target_unit_id")),
    )
    op.create_table(
        "rekap_sasaran",
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("ikm", sa.String(length=12), nullable=False),
        sa.PrimaryKeyConstraint("tahun", name=op.f("pk_rekap_sasaran")),
    )
    op.create_table(
        "rekap_ringkasan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("periode", sa.String(length=20), nullable=False),
        sa.Column("ikm", sa.String(length=12), nullable=True),
        *[sa.Column(f"u{i}", sa.String(length=12), nullable=True) for i in range(1, 10)],
        sa.Column("skala", sa.String(length=10), nullable=False),
        sa.Column("responden", sa.Integer(), nullable=True),
        sa.Column("target", sa.Integer(), nullable=True),
        sa.Column("metode", sa.String(length=20), nullable=False),
        sa.Column("unsur_prioritas", sa.Text(), nullable=False),
        sa.Column("rtl", sa.Text(), nullable=False),
        sa.Column("realisasi_rtl", sa.String(length=12), nullable=True),
        sa.Column("mutu", sa.String(length=1), nullable=False),
        sa.Column("berkas", sa.String(length=255), nullable=False),
        sa.Column("ditambahkan", sa.DateTime(), nullable=False),
        sa.CheckConstraint("skala IN ('','nrr','konversi')", name=op.f("ck_rekap_ringkasan_skala")),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_rekap_ringkasan_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rekap_ringkasan")),
        sa.UniqueConstraint("unit_id", "tahun", "periode", name=op.f("uq_rekap_ringkasan_unit_id")),
    )
    op.create_table(
        "rekap_paket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("dibuat_pada", sa.String(length=40), nullable=False),
        sa.Column("dibuat_oleh", sa.String(length=100), nullable=False),
        sa.Column("berkas", sa.String(length=255), nullable=False),
        sa.Column("ditambahkan", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_rekap_paket_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rekap_paket")),
        sa.UniqueConstraint("periode_id", name=op.f("uq_rekap_paket_periode_id")),
    )


def downgrade() -> None:
    op.drop_table("rekap_paket")
    op.drop_table("rekap_ringkasan")
    op.drop_table("rekap_sasaran")
    op.drop_table("rekap_target")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_column("kelompok")
