/**
 * Saved plans: the plan file (the runbook's bytes, params without secrets, the selection, the
 * engine version and a fingerprint of what the preview read, under one checksum), the
 * fingerprints themselves (files, folders, SQLite databases, git repositories, processes, backups'
 * checksum lists) and how they drift, the step guards that record them in a dry run and check them
 * before each step of an apply, and the approval bound to a plan's checksum. Application layer
 * beside {@code app}, which uses it; it uses the engine (its {@code StepGuard}), the actions'
 * declarations and the libraries, never {@code app}.
 */
package dev.runbook.saved;
