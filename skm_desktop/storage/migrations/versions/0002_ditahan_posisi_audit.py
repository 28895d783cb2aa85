"""responden.posisi and responden.ditahan; audit trail table

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("responden", schema=None) as batch_op:
        batch_op.add_column(sa.Column("posisi", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("ditahan", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("aksi", sa.String(length=20), nullable=False),
        sa.Column("periode_id", sa.Integer(), nullable=True),
        sa.Column("responden_id", sa.Integer(), nullable=True),
        sa.Column("no_kuesioner", sa.Integer(), nullable=True),
        sa.Column("sebelum", sa.Text(), nullable=True),
        sa.Column("sesudah", sa.Text(), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode.id"], name=op.f("fk_audit_periode_id_periode"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.create_index("ix_audit_periode_waktu", ["periode_id", "waktu"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_periode_waktu")
    op.drop_table("audit")
    with op.batch_alter_table("responden", schema=None) as batch_op:
        batch_op.drop_column("ditahan")
        batch_op.drop_column("posisi")
