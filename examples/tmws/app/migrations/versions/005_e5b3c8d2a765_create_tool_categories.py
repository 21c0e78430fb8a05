"""create tool categories

Revision ID: e5b3c8d2a765
Revises: d1e07a4b6c54
Create Date: 2025-07-15 14:55:31.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5b3c8d2a765'
down_revision = 'd1e07a4b6c54'
branch_labels = None
depends_on = None


def upgrade() -> None:
    categories = op.create_table(
        "tool_categories",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("risk", sa.String(16), nullable=False),
    )
    op.bulk_insert(categories, [
        {"name": "memory", "risk": "low"}, {"name": "search", "risk": "low"},
        {"name": "workflow", "risk": "medium"}, {"name": "verification", "risk": "low"},
        {"name": "learning", "risk": "medium"}, {"name": "filesystem", "risk": "high"},
        {"name": "network", "risk": "high"}, {"name": "system", "risk": "high"},
    ])


def downgrade() -> None:
    op.drop_table("tool_categories")
