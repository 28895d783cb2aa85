"""pindai: scanned paper forms (sumber 'pindai'): each read sheet with its scan file and
page, its saran crop, and the sheets held for review; responden.sumber admits 'pindai'

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("responden", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_responden_sumber"), type_="check")
        batch_op.create_check_constraint("sumber", "sumber IN ('kertas','kiosk','impor','pindai')")
    op.create_table(
        "pindai_lembar",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=False),
        sa.Column("no_kuesioner", sa.Integer(), nullable=False),
        sa.Column("berkas", sa.String(length=260), nullable=False),
        sa.Column("halaman", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("responden_id", sa.Integer(), nullable=True),
        sa.Column("bacaan", sa.Text(), nullable=False),
        sa.Column("saran_png", sa.LargeBinary(), nullable=False),
        sa.Column("halaman_png", sa.LargeBinary(), nullable=True),
        sa.Column("dibuat", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('tinjau','simpan')", name=op.f("ck_pindai_lembar_status")),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_pindai_lembar_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["responden_id"],
            ["responden.id"],
            name=op.f("fk_pindai_lembar_responden_id_responden"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pindai_lembar")),
        sa.UniqueConstraint("periode_id", "no_kuesioner", name=op.f("uq_pindai_lembar_periode_id")),
    )
    with op.batch_alter_table("pindai_lembar", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pindai_lembar_responden_id"), ["responden_id"], unique=False)


def downgrade() -> None:
    op.drop_table("pindai_lembar")
    with op.batch_alter_table("responden", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_responden_sumber"), type_="check")
        batch_op.create_check_constraint("sumber", "sumber IN ('kertas','kiosk','impor')")
