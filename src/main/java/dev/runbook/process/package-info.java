/**
 * Child processes: argv lists that never meet a shell, process trees ended on timeout or interrupt,
 * log capture with masking, readiness probes, the process table and survivors of a dead run. It
 * uses nothing of the project.
 */
package dev.runbook.process;
