package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.support.ExampleEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario on the shipped TMWS rollback runbook and its example deployment: a TMWS
 * process holds data/tmws.db open for writing. Alone, restore-db would refuse ("in use: pid X"),
 * and the dry run says so with exit 7; in the whole scenario, stop-services would stop that process
 * first, so the dry run does not report it and exits 0, leaving the process running. A real run
 * of the migration scenario without a terminal lists the downgrade with what its preview says on
 * this database now, and ends with exit 6, changing nothing.
 */
class TmwsGateTest {

    private static final Path RUNBOOK = Path.of("runbooks/tmws-phase4-rollback.yaml").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void aWriterThatStopServicesWouldEndDoesNotStopTheGate() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("tmws", temp.resolve("tmws"), "database")) {
            Path db = env.root().resolve("data/tmws.db");
            // One line: the runbook's service_match, "(python|uvicorn).*tmws", does not match across a newline.
            Process writer = new ProcessBuilder("python3", "-c", "import sys, time; f = open(sys.argv[1], 'r+b'); "
                    + "print('open', flush=True); time.sleep(300)", db.toString(), "tmws-writer")
                    .directory(env.root().toFile()).start();
            try {
                assertThat(new String(writer.getInputStream().readNBytes(4))).isEqualTo("open");

                StringWriter alone = new StringWriter();
                int code = dryRun(env, alone, "--only", "restore-db");
                assertThat(code).as(alone.toString()).isEqualTo(7);
                assertThat(alone.toString()).contains("is in use: pid " + writer.pid())
                        .containsPattern("(?m)^gate: would stop at 1 step: restore-db would refuse: ");

                StringWriter whole = new StringWriter();
                code = dryRun(env, whole, "--scenario", "database");
                assertThat(code).as(whole.toString()).isZero();
                assertThat(whole.toString()).contains("would stop pid " + writer.pid()).doesNotContain("in use")
                        .endsWith("gate: every selected step would run (as far as the real state shows)\n");
                assertThat(writer.isAlive()).isTrue();

                // The real run of the migration scenario, without a terminal and without --yes: its approval
                // lists what the downgrade's preview says on this database now, then ends with exit 6.
                byte[] before = java.nio.file.Files.readAllBytes(db);
                StringWriter approval = new StringWriter();
                code = run(env, approval, "--scenario", "migration");
                assertThat(code).as(approval.toString()).isEqualTo(6);
                assertThat(approval.toString()).contains("1 step asks for confirmation")
                        .contains("  may ask  alembic-downgrade  ")
                        .contains("\n             preview: would undo 1 revision, 3c9d1e7f5a12 -> 4fa1c8e7d0b1:\n"
                                + "             preview:   undo 3c9d1e7f5a12: index learning patterns by category\n")
                        .contains("not confirmed: no step ran, nothing was changed (exit 6)")
                        .doesNotContain("would stop at");
                assertThat(writer.isAlive()).isTrue();
                assertThat(java.nio.file.Files.readAllBytes(db)).isEqualTo(before);
            } finally {
                writer.destroyForcibly();
            }
        }
    }

    private int dryRun(ExampleEnvironment env, StringWriter err, String... selection) throws Exception {
        List<String> dry = new ArrayList<>(List.of("--dry-run"));
        dry.addAll(List.of(selection));
        return run(env, err, dry.toArray(String[]::new));
    }

    private int run(ExampleEnvironment env, StringWriter err, String... selection) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", RUNBOOK.toString(), "--state",
                temp.resolve("state").toString()));
        args.addAll(List.of(selection));
        args.addAll(env.runbookParams());
        try (ServerSocket socket = new ServerSocket(0)) {
            args.addAll(List.of("-p", "test_port=" + socket.getLocalPort()));
        }
        return Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }
}
