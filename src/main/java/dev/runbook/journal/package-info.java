/**
 * Persistence: the SQLite journal of runs, steps, attempts, commands and verifications, its schema
 * migrations, the state folder, and the locks that keep two runs off one target. It may use {@code
 * json}, {@code template} (the masker) and the JDK's SQL; the actions (report.render), reports, the
 * recording adapter, the application and the CLI use it.
 */
package dev.runbook.journal;
