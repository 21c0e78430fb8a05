"""index memories by agent

Revision ID: c2d95e18f0a3
Revises: b84f0c3a91e2
Create Date: 2025-06-12 09:02:45.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c2d95e18f0a3'
down_revision = 'b84f0c3a91e2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_memories_agent_id", "memories", ["agent_id"])


def downgrade() -> None:
    op.drop_index("ix_memories_agent_id", table_name="memories")
