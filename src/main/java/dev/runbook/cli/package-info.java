/**
 * The command line (top layer): picocli commands that parse arguments, call the application service
 * in {@code app} for run, resume and undo (and the planning, journal and report code for the
 * read-only verbs), print, and map outcomes to exit codes. It may use every package below it;
 * nothing uses it.
 */
package dev.runbook.cli;
