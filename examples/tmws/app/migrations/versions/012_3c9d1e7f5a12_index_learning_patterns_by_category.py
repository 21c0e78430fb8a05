"""index learning patterns by category

Revision ID: 3c9d1e7f5a12
Revises: 4fa1c8e7d0b1
Create Date: 2025-11-14 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c9d1e7f5a12'
down_revision = '4fa1c8e7d0b1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_learning_patterns_category", "learning_patterns", ["category"])


def downgrade() -> None:
    op.drop_index("ix_learning_patterns_category", table_name="learning_patterns")
