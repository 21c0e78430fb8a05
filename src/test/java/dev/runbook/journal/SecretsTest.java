package dev.runbook.journal;

import static dev.runbook.journal.JournalTest.SHA;
import static dev.runbook.journal.JournalTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.template.Masker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret never reaches the file: not the database, not its WAL, not even JSON-escaped. */
class SecretsTest {

    private static final String TOKEN = "hunter2-s3cret";
    private static final String QUOTED = "pa\"ss\\word";
    private static final int PIN = 482913;

    @TempDir
    Path dir;

    @Test
    void secretsAreMaskedInEveryColumnBeforeTheyAreWritten() throws Exception {
        Path file = dir.resolve("journal.db");
        Masker masker = new Masker(List.of(TOKEN, QUOTED, Integer.toString(PIN)));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("api_token", TOKEN);
        params.put("url", "https://deploy:" + TOKEN + "@git.example/tmws.git");
        params.put("password", QUOTED);
        params.put("pin", PIN);
        params.put("nested", Map.of("list", List.of(TOKEN, 1)));
        try (Journal journal = Journal.open(file)) {
            RunRecorder run = journal.startRun(new RunStart("tmws", SHA, params, Optional.empty(), false, "ops", "db1",
                    at(0)), masker);
            run.stepStarted("call", 1, at(1));
            run.stepFinished(StepOutcome.failed("call", 1, at(2), OptionalInt.of(1),
                    "curl: (22) 401 for https://deploy:" + TOKEN + "@git.example"));
            run.stepStarted("call", 2, at(3));
            run.stepFinished(StepOutcome.succeeded("call", 2, at(4), OptionalInt.of(0),
                    Map.of("stdout", "token=" + TOKEN + " password=" + QUOTED)));
            run.stepSkipped("notify", "when: token is " + TOKEN, at(5));
            run.stepMarked("call", 2, StepStatus.UNDONE, "undo used " + TOKEN, at(6));
            run.flush();

            Path wal = dir.resolve("journal.db-wal");
            assertThat(wal).exists();
            assertNoSecretIn(file, wal);
            assertThat(Files.readString(wal, StandardCharsets.ISO_8859_1)).as("the WAL holds the masked rows")
                    .contains("https://deploy:***@git.example/tmws.git");

            RunRecord recorded = journal.run(run.runId()).orElseThrow();
            assertThat(recorded.params()).containsEntry("api_token", "***").containsEntry("password", "***")
                    .containsEntry("pin", "***").containsEntry("nested", Map.of("list", List.of("***", 1)));
            assertThat(journal.steps(run.runId()).get(0).error()).contains("curl: (22) 401 for https://deploy:***@git.example");
        }
        assertNoSecretIn(file);
    }

    private static void assertNoSecretIn(Path... files) throws Exception {
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : List.of(TOKEN, QUOTED, "pa\\\"ss\\\\word", Integer.toString(PIN))) {
                String encoded = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.getFileName() + " contains " + secret).doesNotContain(encoded);
            }
        }
    }
}
