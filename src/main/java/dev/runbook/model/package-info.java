/**
 * The runbook as read: records for the runbook, its params, vars, steps, scenarios and defaults,
 * each value carrying its source location. It may use only {@code yaml} (nodes kept for later
 * checks) and {@code source}.
 */
package dev.runbook.model;
