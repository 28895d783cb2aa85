"""double-entry verification (verifikasi, items, mismatches), keying statistics,
audit.ref_id

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ref_id", sa.Integer(), nullable=True))
    op.create_table(
        "kinerja_entri",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("jenis", sa.String(length=10), nullable=False),
        sa.Column("no_kuesioner", sa.Integer(), nullable=True),
        sa.Column("ketukan", sa.Integer(), nullable=False),
        sa.Column("durasi_ms", sa.Integer(), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.CheckConstraint("jenis IN ('entri','verifikasi')", name=op.f("ck_kinerja_entri_jenis")),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_kinerja_entri_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kinerja_entri")),
    )
    with op.batch_alter_table("kinerja_entri", schema=None) as batch_op:
        batch_op.create_index("ix_kinerja_entri_periode_operator", ["periode_id", "operator"], unique=False)
    op.create_table(
        "verifikasi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=10), nullable=False),
        sa.Column("batch", sa.String(length=50), nullable=False),
        sa.Column("persen", sa.Integer(), nullable=True),
        sa.Column("benih", sa.Integer(), nullable=True),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("dibuat", sa.DateTime(), nullable=False),
        sa.Column("selesai", sa.DateTime(), nullable=True),
        sa.CheckConstraint("jenis IN ('batch','sampel')", name=op.f("ck_verifikasi_jenis")),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_verifikasi_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verifikasi")),
    )
    with op.batch_alter_table("verifikasi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verifikasi_periode_id"), ["periode_id"], unique=False)
    op.create_table(
        "verifikasi_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("verifikasi_id", sa.Integer(), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("responden_id", sa.Integer(), nullable=True),
        sa.Column("no_kuesioner", sa.Integer(), nullable=False),
        sa.Column("operator_1", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("entri_kedua", sa.Text(), nullable=True),
        sa.Column("waktu_ketik", sa.DateTime(), nullable=True),
        sa.Column("n_isian", sa.Integer(), nullable=False),
        sa.Column("n_selisih", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('antre','diketik','selesai')", name=op.f("ck_verifikasi_item_status")),
        sa.ForeignKeyConstraint(
            ["verifikasi_id"],
            ["verifikasi.id"],
            name=op.f("fk_verifikasi_item_verifikasi_id_verifikasi"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verifikasi_item")),
    )
    with op.batch_alter_table("verifikasi_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verifikasi_item_verifikasi_id"), ["verifikasi_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_verifikasi_item_responden_id"), ["responden_id"], unique=False)
    op.create_table(
        "verifikasi_selisih",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("isian", sa.String(length=20), nullable=False),
        sa.Column("nilai_1", sa.Text(), nullable=False),
        sa.Column("nilai_2", sa.Text(), nullable=False),
        sa.Column("nilai_final", sa.Text(), nullable=True),
        sa.Column("pilihan", sa.String(length=10), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["verifikasi_item.id"],
            name=op.f("fk_verifikasi_selisih_item_id_verifikasi_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verifikasi_selisih")),
    )
    with op.batch_alter_table("verifikasi_selisih", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verifikasi_selisih_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_table("verifikasi_selisih")
    op.drop_table("verifikasi_item")
    op.drop_table("verifikasi")
    op.drop_table("kinerja_entri")
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_column("ref_id")
