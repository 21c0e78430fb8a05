"""create trust scores

Revision ID: 2d9a6b4c3eb9
Revises: 1c8f5a3b2da8
Create Date: 2025-09-18 13:27:44.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2d9a6b4c3eb9'
down_revision = '1c8f5a3b2da8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trust_scores",
        sa.Column("agent_id", sa.String(64), sa.ForeignKey("agents.id"), primary_key=True),
        sa.Column("score", sa.Float, nullable=False, server_default="0.5"),
        sa.Column("observations", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("trust_scores")
