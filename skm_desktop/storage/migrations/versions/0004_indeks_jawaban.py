"""covering index jawaban(unsur_id, nilai) replaces jawaban(unsur_id)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_jawaban_unsur_id", table_name="jawaban")
    op.create_index("ix_jawaban_unsur_nilai", "jawaban", ["unsur_id", "nilai"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_jawaban_unsur_nilai", table_name="jawaban")
    op.create_index("ix_jawaban_unsur_id", "jawaban", ["unsur_id"], unique=False)
