/**
 * The run logic: the scheduler ({@code Engine}, one-shot), step attempts with retries, timeouts and
 * verification, rollback, undo plans, run contexts, and the {@code RunListener} interface through
 * which presentation and persistence watch a run. It may use {@code plan}, {@code action}, the
 * model and the libraries; it knows no console, JSON or journal.
 */
package dev.runbook.engine;
