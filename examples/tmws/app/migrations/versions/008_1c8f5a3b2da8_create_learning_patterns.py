"""create learning patterns

Revision ID: 1c8f5a3b2da8
Revises: 0b7e4f2a1c97
Create Date: 2025-09-03 10:10:10.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1c8f5a3b2da8'
down_revision = '0b7e4f2a1c97'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learning_patterns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("pattern", sa.Text, nullable=False),
        sa.Column("success_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failure_count", sa.Integer, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("learning_patterns")
