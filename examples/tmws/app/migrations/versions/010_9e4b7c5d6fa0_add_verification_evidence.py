"""add verification evidence

Revision ID: 9e4b7c5d6fa0
Revises: 2d9a6b4c3eb9
Create Date: 2025-10-06 15:03:27.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9e4b7c5d6fa0'
down_revision = '2d9a6b4c3eb9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("verification_records") as batch:
        batch.add_column(sa.Column("evidence_json", sa.Text, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("verification_records") as batch:
        batch.drop_column("evidence_json")
