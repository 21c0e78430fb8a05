package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More constructed chains on real state where a later preview sees what an earlier previewed step
 * would leave: a process an earlier process.start would start (process → process.stop), a file an
 * earlier restore would replace (file → json.set), a database an earlier sqlite.restore would swap
 * in (sqlite → alembic), a commit an earlier git.reset would move to (git → git.reset).
 */
class SimulatedChainsTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    private int dryRun(String yaml) throws Exception {
        Path file = dir.resolve("chain.yaml");
        Files.writeString(file, "format: 1\nname: chain\nparams:\n  root: { type: path }\nsteps:\n" + yaml);
        return cli.run("run", file.toString(), "--dry-run", "-p", "root=" + dir);
    }

    @Test
    void aStopAfterAStartSaysItWouldStopTheProcessThatStepStarts() throws Exception {
        String marker = "simulated-start-" + UUID.randomUUID();
        String stop = "  - { id: stop, needs: [start], action: process.stop, with: { match: [\"" + marker + "\"] } }\n";
        assertThat(dryRun(stop.replace("needs: [start], ", ""))).as(cli.err()).isZero();
        assertThat(cli.err()).contains("nothing to stop: no process matching " + marker);

        int code = dryRun("  - { id: start, action: process.start, with: { cmd: [python3, -c, \"import time; "
                + "time.sleep(60)\", " + marker + "], pidfile: \"{{ params.root }}/run/app.pid\" } }\n" + stop
                + "  - { id: by-pidfile, needs: [stop], action: process.stop, with: { pidfile: "
                + "\"{{ params.root }}/run/app.pid\" } }\n");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("nothing to stop").contains("would stop the process step 'start' would "
                + "start (its pid cannot be known before then): python3 -c import time; time.sleep(60) " + marker);
        assertThat(cli.err().split("would stop the process step 'start'", -1)).hasSize(3); // by pattern, by pidfile
        assertThat(dir.resolve("run/app.pid")).doesNotExist();
    }
}
