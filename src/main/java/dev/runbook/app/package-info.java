/**
 * The application service: one entry per verb (run, resume, undo; later apply and fleet runs) that
 * assembles the planner, parameter resolver, journal, target lock, listeners and run contexts
 * around one engine run. It may use the adapters, the engine and everything below them; only {@code
 * cli} uses it, and it neither parses arguments nor chooses exit codes.
 */
package dev.runbook.app;
