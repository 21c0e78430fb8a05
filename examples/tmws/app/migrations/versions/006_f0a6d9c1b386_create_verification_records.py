"""create verification records

Revision ID: f0a6d9c1b386
Revises: e5b3c8d2a765
Create Date: 2025-08-04 08:31:12.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f0a6d9c1b386'
down_revision = 'e5b3c8d2a765'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verification_records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("agent_id", sa.String(64), nullable=False),
        sa.Column("tool_name", sa.String(128), nullable=False),
        sa.Column("category", sa.String(32), sa.ForeignKey("tool_categories.name"), nullable=False),
        sa.Column("claim", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("verification_records")
