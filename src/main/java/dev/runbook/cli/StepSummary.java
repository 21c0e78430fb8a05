package dev.runbook.cli;

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
 * On GitHub Actions (GITHUB_STEP_SUMMARY set), a finished run appends its Markdown summary to the
 * job's summary page. A summary that cannot be made is a warning: the run's own outcome stands.
 */
final class StepSummary {

    private StepSummary() {
    }

    static void append(Map<String, String> environment, Journal journal, String runId, Path runbookFile,
                       PrintWriter err) {
        if (environment.getOrDefault("GITHUB_STEP_SUMMARY", "").isBlank()) {
            return;
        }
        Path runbookDir = runbookFile.toAbsolutePath().getParent();
        try {
            String markdown = Reports.render(journal, runId, Reports.FORMATS.get("markdown"),
                    Reports.roots(List.of(runbookDir.resolve("templates"), Path.of("templates"))), List.of());
            ReportFiles.appendStepSummary(environment, markdown);
        } catch (ReportException | IOException e) {
            err.println("runbook: warning: no GitHub step summary: " + e.getMessage());
        }
    }
}
