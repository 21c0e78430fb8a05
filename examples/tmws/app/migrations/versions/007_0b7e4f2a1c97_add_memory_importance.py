"""add memory importance

Revision ID: 0b7e4f2a1c97
Revises: f0a6d9c1b386
Create Date: 2025-08-20 17:45:09.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0b7e4f2a1c97'
down_revision = 'f0a6d9c1b386'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("memories") as batch:
        batch.add_column(sa.Column("importance", sa.Float, nullable=False, server_default="0.5"))


def downgrade() -> None:
    with op.batch_alter_table("memories") as batch:
        batch.drop_column("importance")
