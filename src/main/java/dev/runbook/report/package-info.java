/**
 * Write-ups of a run from its journal: failure reports, Markdown and HTML summaries, post-mortem
 * skeletons, JUnit XML. It may use {@code journal}, {@code model} and the libraries; {@code action}
 * (report.render), the application and the CLI use it.
 */
package dev.runbook.report;
