package dev.runbook.app;

import dev.runbook.journal.RunRecord;
import dev.runbook.model.Runbook;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code run} of a run's template context (docs/TEMPLATES.md): who, what, when, and what it undoes. */
final class RunInfo {

    private RunInfo() {
    }

    static Map<String, Object> of(String runId, Runbook runbook, Optional<String> scenario, Instant startedAt,
                                  Path forensics) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", runId);
        run.put("forensics", forensics.toString());
        run.put("runbook", runbook.name());
        run.put("scenario", scenario.orElse(null));
        run.put("started_at", startedAt.toString());
        run.put("user", user());
        run.put("undoes", ""); // an undo run sets the run it undoes
        return run;
    }

    /** An undo run's: run.undoes names the undone run (a report or a state file can say so). */
    static Map<String, Object> ofUndo(String id, Runbook runbook, RunRecord undone, Instant startedAt, Path forensics) {
        Map<String, Object> run = of(id, runbook, undone.scenario(), startedAt, forensics);
        run.put("undoes", undone.id());
        return run;
    }

    static String user() {
        return System.getProperty("user.name", "");
    }
}
