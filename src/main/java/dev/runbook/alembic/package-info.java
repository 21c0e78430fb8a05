/**
 * Alembic migrations: the real {@code alembic} command run for a project, its revision graph and
 * the current revision. It uses nothing of the project.
 */
package dev.runbook.alembic;
