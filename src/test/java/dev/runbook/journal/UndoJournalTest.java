package dev.runbook.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.template.Masker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 6: a run names the run it undoes, the journal holds one real undo per run, and a run's vars. */
class UndoJournalTest {

    @TempDir
    Path dir;

    private static RunStart start(RunOrigin origin, boolean dryRun, long at) {
        return new RunStart("tmws", JournalTest.SHA, Map.of("app", "/srv/app"), Optional.empty(), dryRun, "ops",
                "db1", JournalTest.at(at), origin);
    }

    @Test
    void anUndoNamesItsRunOnlyOneRealUndoIsKeptAndTheStepsAreMarkedInTheUndoneRun() throws Exception {
        Masker masker = new Masker(List.of("s3cret"));
        try (Journal journal = Journal.open(dir.resolve("journal.db"))) {
            RunRecorder forward = journal.startRun(start(RunOrigin.UNKNOWN, false, 0), masker);
            forward.varsRendered(Map.of("db", "/srv/app/data.db", "token", "x-s3cret"));
            forward.stepStarted("restore", 1, JournalTest.at(1));
            forward.stepFinished(StepOutcome.succeeded("restore", 1, JournalTest.at(2), java.util.OptionalInt.empty(),
                    Map.of("kept_as", "/srv/app/kept")));
            forward.finish(RunStatus.SUCCEEDED, JournalTest.at(3));
            String forwardId = forward.runId();

            RunRecorder preview = journal.startRun(start(RunOrigin.undoOf("/r.yaml", forwardId), true, 4), masker);
            preview.finish(RunStatus.SUCCEEDED, JournalTest.at(5));
            RunRecorder undo = journal.startRun(start(RunOrigin.undoOf("/r.yaml", forwardId), false, 6), masker);
            undo.stepUndoneIn(forwardId, "restore", false, "its undo failed");
            undo.stepUndoneIn(forwardId, "restore", true, "undone by run " + undo.runId());
            undo.finish(RunStatus.SUCCEEDED, JournalTest.at(7));

            assertThat(journal.run(undo.runId()).orElseThrow().origin().undoes()).contains(forwardId);
            assertThat(journal.undoRuns(forwardId)).extracting(RunRecord::id).containsExactly(undo.runId());
            assertThat(journal.latestSteps(forwardId)).singleElement().satisfies(s -> {
                assertThat(s.status()).isEqualTo(StepStatus.UNDONE);
                assertThat(s.reason()).contains("undone by run " + undo.runId());
            });
            assertThat(journal.vars(forwardId)).containsEntry("db", "/srv/app/data.db").containsEntry("token", "x-***");
            assertThat(journal.runsAfter("tmws", JournalTest.at(0))).extracting(RunRecord::id)
                    .containsExactly(undo.runId());
            // A second real undo of the same run is refused by the journal itself, whatever the caller checked.
            assertThatThrownBy(() -> journal.startRun(start(RunOrigin.undoOf("/r.yaml", forwardId), false, 8), masker))
                    .isInstanceOf(JournalException.class);
            assertThat(journal.lockHolder("tmws")).isEmpty();
            assertThat(journal.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void aSchemaFiveJournalIsMigratedWithoutUndosOrVars() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            for (int version = 0; version < 5; version++) {
                for (String statement : Schema.migration(version)) {
                    if (!statement.isBlank()) {
                        sql.execute(statement);
                    }
                }
            }
            sql.execute("INSERT INTO runs (id, runbook, runbook_sha256, params, dry_run, user, host, pid, started_at, "
                    + "status) VALUES ('20261122-034512-7f3a', 'tmws', '" + JournalTest.SHA + "', '{}', 0, 'ops', 'db1', "
                    + "1, '2026-11-22T03:45:12.345Z', 'succeeded')");
            sql.execute("PRAGMA user_version = 5");
        }
        try (Journal journal = Journal.open(file)) {
            RunRecord run = journal.run("20261122-034512-7f3a").orElseThrow();
            assertThat(run.origin().undoes()).isEmpty();
            assertThat(journal.vars(run.id())).isEmpty();
            assertThat(journal.undoRuns(run.id())).isEmpty();
        }
    }
}
