"""phase4 go category sync

Revision ID: 5e2f9a0c7b34
Revises: 3c9d1e7f5a12
Create Date: 2025-11-22 08:12:40.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e2f9a0c7b34'
down_revision = '3c9d1e7f5a12'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Phase 4: categories carry the Go orchestrator's name; sync state is tracked per category.
    with op.batch_alter_table("tool_categories") as batch:
        batch.add_column(sa.Column("go_name", sa.String(64), nullable=True))
    op.execute("UPDATE tool_categories SET go_name = 'Category' || upper(substr(name, 1, 1)) || substr(name, 2)")
    op.create_table(
        "category_sync_state",
        sa.Column("category", sa.String(32), sa.ForeignKey("tool_categories.name"), primary_key=True),
        sa.Column("go_version", sa.String(32), nullable=False),
        sa.Column("synced_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("category_sync_state")
    with op.batch_alter_table("tool_categories") as batch:
        batch.drop_column("go_name")
