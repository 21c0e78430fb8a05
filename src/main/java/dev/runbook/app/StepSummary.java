package dev.runbook.app;

import dev.runbook.journal.Journal;
import dev.runbook.report.ReportException;
import dev.runbook.report.ReportFiles;
import dev.runbook.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * On GitHub Actions (GITHUB_STEP_SUMMARY set), a finished run (or resume) appends its Markdown summary to the
 * job's summary page. A summary that cannot be made is a warning: the run's own outcome stands.
 */
final class StepSummary {

    private StepSummary() {
    }

    static void append(Map<String, String> environment, Path journalFile, String runId, PrintWriter err) {
        if (environment.getOrDefault("GITHUB_STEP_SUMMARY", "").isBlank()) {
            return;
        }
        // The run's recorder has finished (committed), so a second connection reads all of it.
        try (Journal journal = Journal.open(journalFile)) {
            String markdown = Reports.render(journal, runId, Reports.FORMATS.get("markdown"),
                    Reports.roots(List.of(Path.of("templates"))), List.of());
            ReportFiles.appendStepSummary(environment, markdown);
        } catch (ReportException | IOException | RuntimeException e) {
            err.println("runbook: warning: no GitHub step summary: " + e.getMessage());
        }
    }
}
