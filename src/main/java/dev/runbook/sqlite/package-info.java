/**
 * SQLite files: online backup, atomic restore, integrity checks, dumps, the Alembic version table,
 * file headers and durable writes. It may use {@code files}; it knows nothing of runbooks.
 */
package dev.runbook.sqlite;
