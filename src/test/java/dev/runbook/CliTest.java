package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, one-line errors, no stack traces. */
class CliTest {

    private static final String GOOD = """
            format: 1
            name: demo
            params:
              dir: { type: path, default: /srv/app }
            scenarios:
              quick: { steps: [check] }
            steps:
              - id: check
                action: disk.check
                with: { path: "{{ params.dir }}", min_free: 1GB }
              - id: pause
                action: wait
                with: { duration: 2s }
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String file(String name, String text) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path.toString();
    }

    @Test
    void aJournalWhoseTablesContradictItsVersionIsLeftAsItWasWithAReasonNotAnInternalError() throws Exception {
        Path state = dir.resolve("state");
        String tiny = file("tiny.yaml", "format: 1\nname: tiny\nsteps:\n  - { id: a, action: exec, with: { cmd: [\"true\"] } }\n");
        assertThat(run("run", tiny, "--state", state.toString())).as(err.toString()).isZero();
        Path journal = state.resolve("journal.db");
        // As a development build left it: the newest tables, but an older version number.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + journal);
             java.sql.Statement sql = c.createStatement()) {
            sql.execute("PRAGMA user_version = 4");
        }
        err.getBuffer().setLength(0);
        assertThat(run("history", "--state", state.toString())).isEqualTo(66);
        assertThat(err.toString()).startsWith("runbook: " + journal.toAbsolutePath() + ": cannot bring the journal "
                + "from schema 4 to ").contains("duplicate column name", "the file was left as it was")
                .contains("hint: the journal is in the state folder").doesNotContain("internal error", "\tat ");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + journal);
             java.sql.ResultSet version = c.createStatement().executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(4);
        }
    }

    @Test
    void validRunbookValidatesWithExitZero() throws Exception {
        String good = file("good.yaml", GOOD);
        assertThat(run("validate", good)).isZero();
        assertThat(out.toString()).isEqualTo(good + ": ok (2 steps, 1 scenario)\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyProblemOfEveryFileIsListedWithExitTwo() throws Exception {
        String good = file("good.yaml", GOOD);
        String bad = file("bad.yaml", GOOD.replace("min_free: 1GB", "min_fre: 1GB").replace("2s", "2 seconds"));
        assertThat(run("validate", bad, good)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(bad + ":10:39: unknown key 'min_fre' in 'with' of step 'check'\n"
                + "  hint: did you mean 'min_free'?\n"
                + bad + ":13:23: 'duration' must be a duration, found \"2 seconds\"\n"
                + "  hint: write a number and a unit: 500ms, 30s, 5m, 1h30m\n"
                + bad + ": 2 problems\n");
        assertThat(out.toString()).isEqualTo(good + ": ok (2 steps, 1 scenario)\n");
    }

    @Test
    void missingFileDirectoryAndNonUtf8EachGetOneLineAndTheirCode() throws Exception {
        assertThat(run("validate", dir.resolve("nope.yaml").toString())).isEqualTo(66);
        assertThat(err.toString()).startsWith("runbook: cannot read '" + dir.resolve("nope.yaml") + "': no such file\n");
        assertThat(run("validate", dir.toString())).isEqualTo(66);
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(run("validate", latin1.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not UTF-8 text").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void wrongUsageIsExit64WithAHint() {
        assertThat(run("plan")).isEqualTo(64);
        assertThat(err.toString()).isEqualTo("runbook: Missing required parameter: 'FILE'\n"
                + "  hint: see 'runbook plan --help'\n");
        assertThat(run("frobnicate")).isEqualTo(64);
    }

    @Test
    void planPrintsStepsAndCoverageAndWritesJsonToAFile() throws Exception {
        String good = file("good.yaml", GOOD);
        assertThat(run("plan", good, "--scenario", "quick", "-p", "dir=/data")).isZero();
        assertThat(out.toString()).contains(" 1. check  [disk.check, probed]\n")
                .contains("→ check free space at /data (at least 1GB)\n")
                .endsWith("preview: 1 of 1 steps can be previewed from real state\n");
        Path json = dir.resolve("plan.json");
        assertThat(run("plan", good, "--format", "json", "--out", json.toString())).isZero();
        assertThat(new ObjectMapper().readTree(json.toFile()).get("steps")).hasSize(2);
    }

    @Test
    void planInputErrorsAreExitTwoWithHint() throws Exception {
        String good = file("good.yaml", GOOD);
        assertThat(run("plan", good, "--scenario", "quik")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("runbook: unknown scenario 'quik'\n  hint: did you mean 'quick'?\n");
    }

    @Test
    void schemaIsJson() throws Exception {
        assertThat(run("schema")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("title").asText()).isEqualTo("runbook format 1");
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:").contains("66   a file could not be read")
                .contains("130   interrupted");
    }

    @Test
    void helpListsEveryCommandInOrderWhileACommandLineNamingOneBuildsOnlyThatOne() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).containsPattern("(?s)Commands:\\n  validate .*\\n  plan .*\\n  run .*\\n  apply .*"
                + "\\n  approve .*\\n  resume .*\\n  undo .*\\n  history .*\\n  show .*\\n  report .*\\n  schema .*"
                + "\\n  help ");
        // --debug before the command is still the root's option; the command's own help still names it in full.
        assertThat(run("--debug", "schema", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: runbook schema");
        assertThat(run("help", "plan")).isZero();
        assertThat(out.toString()).contains("Usage: runbook plan");
    }
}
