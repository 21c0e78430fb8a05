package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.SshdFleet;
import dev.runbook.support.SshdHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's own class archive, as bin/runbook starts it (a real child JVM against a real
 * sshd): on JDK 17 and 18 the first fleet run dumps one under a temporary name, the next checks and
 * keeps it, later ones start with it; the JSON event stream stays clean throughout; a damaged archive
 * is never used. JDK 19 and later keep bin/runbook's own archive up to date and get no second one.
 */
class ControllerArchiveIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @TempDir
    Path dir;

    private SshdFleet fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void theFirstFleetRunDumpsTheNextKeepsItLaterOnesUseItAndADamagedOneIsNeverUsed() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 1);
        SshdHost host = fleet.host(1);
        Path inventory = Files.writeString(dir.resolve("hosts.yaml"), "hosts:\n  h1: {address: " + host.address()
                + ", port: " + host.port() + ", user: " + host.user() + ", vars: {runbook_state: "
                + host.home().resolve("state") + "}}\n");
        Path runbook = Files.writeString(dir.resolve("book.yaml"), """
                format: 1
                name: one-step
                steps:
                  - { id: one, action: exec, with: { cmd: [/bin/true] } }
                """);
        deleteControllerArchives();

        controller(runbook, inventory);   // dumps at exit
        assertThat(parts()).as("the first run dumped under a temporary name").hasSize(1);
        controller(runbook, inventory);   // checks and keeps it, then starts with it
        boolean selfUpdating = Runtime.version().feature() >= 19;
        if (selfUpdating) {
            assertThat(archives()).as("JDK 19+: bin/runbook's own archive covers the controller").isEmpty();
            return;
        }
        Path archive = archives().get(0);
        assertThat(parts()).isEmpty();
        assertThat(Files.readString(Path.of(archive + ".size")).strip()).isEqualTo(Long.toString(Files.size(archive)));

        controller(runbook, inventory);   // starts with it: nothing dumped
        assertThat(parts()).isEmpty();

        // JDK 17 crashes on a truncated archive: one whose size is not the checked size is never named.
        byte[] whole = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, Arrays.copyOf(whole, whole.length / 2));
        controller(runbook, inventory);
        assertThat(parts()).as("a fresh dump instead").hasSize(1);
    }

    /** bin/runbook run --inventory --json; every stdout line must be a JSON event (no JVM log lines). */
    private void controller(Path runbook, Path inventory) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of("bin/runbook").toAbsolutePath().toString(), "run",
                runbook.toString(), "--inventory", inventory.toString(), "--ssh-dir", dir.resolve("fleet").toString(),
                "--state", dir.resolve("controller").toString(), "--yes", "--json"));
        Path out = dir.resolve("controller.out");
        Path err = dir.resolve("controller.err");
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out) + Files.readString(err);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.readAllLines(out)).as(output).isNotEmpty().allSatisfy(line ->
                assertThat(dev.runbook.json.PlainJson.read(line)).isInstanceOf(java.util.Map.class));
        assertThat(Files.readString(err)).doesNotContain("[cds").doesNotContain("warning");
    }

    private static List<Path> archives() throws Exception {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("runbook-fleet-.*\\.jsa")).toList();
        }
    }

    private static List<Path> parts() throws Exception {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("runbook-fleet-.*\\.jsa\\.part\\.\\d+")).toList();
        }
    }

    private static void deleteControllerArchives() throws Exception {
        try (Stream<Path> files = Files.list(TARGET)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("runbook-fleet-")).toList()) {
                Files.delete(file);
            }
        }
    }
}
