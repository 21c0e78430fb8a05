package dev.runbook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.support.RealPython;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped runbooks on a shared machine: each stop step of each runbook, against an installation
 * whose service runs beside look-alikes of other installations (same command line; one even names
 * this installation's path in its arguments). A dry run lists only the installation's service, and
 * a real run stops only it.
 */
class ScopedStopTest {

    @TempDir
    Path dir;

    private final String marker = "60." + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void tmwsStopServicesLeavesAnotherInstallationsTmwsRunning() throws Exception {
        Path install = Files.createDirectories(dir.resolve("tmws"));
        Path other = Files.createDirectories(dir.resolve("tmws-other-user"));
        Process service = start(install, "tmws-server");
        Process lookAlike = start(other, "tmws-server");
        Process naming = start(other, "tmws-server", install.toString());

        assertStopsOnly(service, List.of(lookAlike, naming), "runbooks/tmws-phase4-rollback.yaml", "stop-services",
                "app_dir=" + install);
    }

    @Test
    void praxisStopServerLeavesAnotherProjectsMcpServerRunning() throws Exception {
        Path praxis = Files.createDirectories(dir.resolve("project/.praxis-os"));
        Path other = Files.createDirectories(dir.resolve("someone-else/.praxis-os"));
        Process server = startModule(praxis);
        Process lookAlike = startModule(other);

        assertStopsOnly(server, List.of(lookAlike), "runbooks/praxis-os-rollback.yaml", "stop-server",
                "praxis_dir=" + praxis);
    }

    private void assertStopsOnly(Process target, List<Process> others, String runbook, String step, String param)
            throws Exception {
        StringWriter err = new StringWriter();
        List<String> args = List.of("run", Path.of(runbook).toAbsolutePath().toString(), "--only", step, "-p", param,
                "--state", dir.resolve("state").toString(), "--yes");

        List<String> dry = new ArrayList<>(args);
        dry.add("--dry-run");
        assertThat(Main.execute(dry.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains("would stop pid " + target.pid() + ":");
        for (Process other : others) {
            assertThat(err.toString()).doesNotContain("pid " + other.pid() + ":");
        }

        err.getBuffer().setLength(0);
        assertThat(Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)))
                .as(err.toString()).isZero();
        assertThat(target.waitFor(10, TimeUnit.SECONDS)).as("the installation's process stopped").isTrue();
        for (Process other : others) {
            assertThat(other.isAlive()).as("look-alike %d untouched", other.pid()).isTrue();
        }
    }

    private Process start(Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RealPython.path(), "-c", "import time; time.sleep(60)"));
        command.addAll(List.of(args));
        command.add(marker);
        return started(new ProcessBuilder(command).directory(cwd.toFile()));
    }

    /** `python -m mcp_server` as the seed runs it, from the .praxis-os folder that holds the package. */
    private Process startModule(Path praxis) throws Exception {
        Path module = Files.createDirectories(praxis.resolve("mcp_server"));
        Files.writeString(module.resolve("__main__.py"), "import time\ntime.sleep(60)\n");
        return started(new ProcessBuilder(RealPython.path(), "-m", "mcp_server", marker).directory(praxis.toFile()));
    }

    private Process started(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).redirectOutput(dir.resolve("out-" + started.size()).toFile())
                .start();
        started.add(process);
        Thread.sleep(300); // python has set up its command line and working directory
        assertThat(process.isAlive()).isTrue();
        return process;
    }
}
