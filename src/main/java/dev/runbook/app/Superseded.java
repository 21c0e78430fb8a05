package dev.runbook.app;

import dev.runbook.engine.RunResult;
import dev.runbook.journal.Journal;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.report.SupersededReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * After a resume: a report an earlier invocation wrote (FAILURE_REPORT.md) that this one did not
 * write again and that describes the run otherwise than it ended now gets a note saying so. A
 * report that cannot be noted is a warning: the run's outcome stands.
 */
final class Superseded {

    private Superseded() {
    }

    static void mark(Journal journal, String runId, Runbook runbook, Instant resumedAt, RunResult result,
                     PrintWriter err) {
        Set<String> reportSteps = Stream.of(runbook.steps(), runbook.onFailure(), runbook.finallySteps())
                .flatMap(List::stream).filter(s -> s.action().action().equals("report.render")).map(Step::id)
                .collect(Collectors.toSet());
        if (reportSteps.isEmpty()) {
            return;
        }
        try {
            for (SupersededReports.Marked marked : SupersededReports.mark(journal, runId, reportSteps, resumedAt,
                    Execution.journalStatus(result.status()).word(), Instant.now())) {
                err.println("marked " + marked.file() + " superseded: it describes the run before this resume "
                        + "(its text before the note is kept as " + marked.keptAs().getFileName() + ")");
            }
        } catch (IOException | RuntimeException e) {
            err.println("runbook: warning: an earlier report could not be marked superseded: " + e.getMessage());
        }
    }
}
