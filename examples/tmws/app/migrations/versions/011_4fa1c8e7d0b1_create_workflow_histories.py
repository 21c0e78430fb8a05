"""create workflow histories

Revision ID: 4fa1c8e7d0b1
Revises: 9e4b7c5d6fa0
Create Date: 2025-10-29 09:48:56.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4fa1c8e7d0b1'
down_revision = '9e4b7c5d6fa0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workflow_histories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workflow", sa.String(64), nullable=False),
        sa.Column("phase", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workflow_histories")
