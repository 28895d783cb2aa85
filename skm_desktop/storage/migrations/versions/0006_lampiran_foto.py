"""lampiran_foto: documentation photos of a period for the laporan's lampiran;
rtl.realisasi_strategi: the strategy for an RTL of the previous period

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rtl", schema=None) as batch_op:
        batch_op.add_column(sa.Column("realisasi_strategi", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "lampiran_foto",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("keterangan", sa.String(length=200), nullable=False),
        sa.Column("lebar", sa.Integer(), nullable=False),
        sa.Column("tinggi", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("dibuat", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_lampiran_foto_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lampiran_foto")),
    )
    with op.batch_alter_table("lampiran_foto", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lampiran_foto_periode_id"), ["periode_id"], unique=False)


def downgrade() -> None:
    op.drop_table("lampiran_foto")
    with op.batch_alter_table("rtl", schema=None) as batch_op:
        batch_op.drop_column("realisasi_strategi")
