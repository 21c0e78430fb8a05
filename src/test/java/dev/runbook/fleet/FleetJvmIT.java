package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.support.SshdFleet;
import dev.runbook.support.SshdHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the engine's JVM starts on a host (RemoteJvm): the first run of a version dumps an AppCDS
 * archive beside the cached jar and records the Java version; later runs start one JVM, with the
 * archive, and none to ask for the Java version; a damaged archive is never used. The host's
 * {@code runbook_java} is a real wrapper around java that logs each command line it is started with.
 */
class FleetJvmIT {

    @TempDir
    Path dir;

    private SshdFleet fleet;
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void theSecondRunUsesTheArchiveDumpedByTheFirstAndStartsNoJvmToCheckJava() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 1);
        SshdHost host = fleet.host(1);
        Path log = dir.resolve("java.log");
        Path inventory = inventoryLoggingJava(host, log);
        Path runbook = Files.writeString(dir.resolve("book.yaml"), """
                format: 1
                name: two-steps
                steps:
                  - { id: one, action: exec, with: { cmd: [/bin/true] } }
                  - { id: two, action: exec, with: { cmd: [/bin/true] } }
                """);

        assertThat(run(runbook, inventory)).as(err.toString()).isZero();
        Path cached = cacheFolder(host);
        Path archive = cached.resolve("runbook.jsa");
        assertThat(archive).isNotEmptyFile();
        assertThat(Files.readString(cached.resolve("runbook.jsa.size")).strip()).isEqualTo(Long.toString(Files.size(archive)));
        assertThat(Files.readAllLines(cached.resolve("java-version"))).hasSize(2).first()
                .isEqualTo(dir.resolve("java-wrapper").toString());
        assertThat(Files.readAllLines(cached.resolve("java-version")).get(1)).contains("version \"");
        try (Stream<Path> files = Files.list(cached)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".part"));
        }
        String remote = host.home().relativize(cached).toString(); // the cache is under the login's home
        List<String> first = Files.readAllLines(log);
        assertThat(first).hasSize(3); // the version probe, the run (dumping), the archive's check
        assertThat(first.get(0)).isEqualTo("-version");
        assertThat(first.get(1)).contains("-XX:ArchiveClassesAtExit=" + remote + "/.runbook.jsa.part.")
                .contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData").contains(" run ");
        assertThat(first.get(2)).startsWith("-Xshare:on -XX:SharedArchiveFile=" + remote + "/.runbook.jsa.part.");

        Files.delete(log);
        assertThat(run(runbook, inventory, "--json")).as(err.toString()).isZero();
        List<String> second = Files.readAllLines(log);
        assertThat(second).hasSize(1); // the run only: no JVM started to ask for the Java version
        // and no exec to probe the cache first: the check ran in the run's own exec.
        assertThat(out.toString()).containsPattern("\"timings_ms\":\\{[^}]*\"probe\":0")
                .containsPattern("\"timings_ms\":\\{[^}]*\"uploaded_files\":0");
        assertThat(second.get(0)).contains("-XX:SharedArchiveFile=" + remote + "/runbook.jsa").doesNotContain("ArchiveClassesAtExit")
                .contains("-XX:TieredStopAtLevel=1")
                .contains("-Dorg.sqlite.lib.path=" + remote + " -Dorg.sqlite.lib.name=libsqlitejdbc.so");
        // The archive's check wrote the SQLite library beside the jar: the jar's own bytes for this platform.
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(cached.resolve("runbook.jar").toFile())) {
            String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
            assertThat(Files.readAllBytes(cached.resolve("libsqlitejdbc.so"))).isEqualTo(jar.getInputStream(
                    jar.getEntry("org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so")).readAllBytes());
        }

        // A damaged library is not fatal: sqlite-jdbc cannot load it, extracts its own as before, and the run succeeds.
        Files.write(cached.resolve("libsqlitejdbc.so"), new byte[] {1, 2, 3});
        assertThat(run(runbook, inventory)).as(err.toString()).isZero();
    }

    @Test
    void aRunbookDeclaringASecretNeverDumpsTheArchiveAndAnInventorySecretGoesOnStdinOnly() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 1);
        SshdHost host = fleet.host(1);
        Path log = dir.resolve("java.log");
        Path inventory = inventoryLoggingJava(host, log);
        // No secret is given to the controller: the host resolves it from its own environment.
        Path runbook = Files.writeString(dir.resolve("secret.yaml"), """
                format: 1
                name: host-secret
                params:
                  token: { type: string, secret: true, default: "{{ env.HOME }}-host-token" }
                steps:
                  - id: use
                    action: exec
                    with: { shell: 'printf %s "$TOKEN" > "$HOME/token"', env: { TOKEN: "{{ params.token }}" } }
                """);

        assertThat(run(runbook, inventory)).as(err.toString()).isZero();
        assertThat(Files.readAllLines(log)).noneMatch(line -> line.contains("ArchiveClassesAtExit"));
        try (Stream<Path> files = Files.list(cacheFolder(host))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".jsa"));
        }
        assertThat(Files.readString(host.home().resolve("token"))).endsWith("-host-token");

        // The inventory gives the secret: it reaches the run on stdin, never on a command line.
        Files.writeString(inventory, Files.readString(inventory).replace("}}\n", ", token: inventory-secret-42}}\n"));
        Files.delete(log);
        assertThat(run(runbook, inventory)).as(err.toString()).isZero();
        assertThat(Files.readString(host.home().resolve("token"))).isEqualTo("inventory-secret-42");
        assertThat(Files.readAllLines(log)).anyMatch(line -> line.contains("--secrets-stdin"))
                .noneMatch(line -> line.contains("inventory-secret-42"));
        assertThat(err.toString()).doesNotContain("inventory-secret-42");
    }

    @Test
    void aTruncatedArchiveIsNotUsedAndTheRunStillSucceedsAndDumpsAFreshOne() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 1);
        SshdHost host = fleet.host(1);
        Path log = dir.resolve("java.log");
        Path inventory = inventoryLoggingJava(host, log);
        Path runbook = Files.writeString(dir.resolve("book.yaml"), """
                format: 1
                name: one-step
                steps:
                  - { id: one, action: exec, with: { cmd: [/bin/true] } }
                """);
        assertThat(run(runbook, inventory)).as(err.toString()).isZero();
        Path archive = cacheFolder(host).resolve("runbook.jsa");
        long size = Files.size(archive);
        // JDK 17 crashes (SIGBUS) on a truncated dynamic archive, so it must never be handed one.
        byte[] head = Arrays.copyOf(Files.readAllBytes(archive), (int) (size / 2));
        archive.toFile().setWritable(true);
        Files.write(archive, head);

        Files.delete(log);
        assertThat(run(runbook, inventory)).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(0)).doesNotContain("SharedArchiveFile").contains("-XX:ArchiveClassesAtExit=");
        // A fresh archive was dumped, checked and kept (its size recorded again).
        assertThat(Files.size(archive)).isGreaterThan(size / 2);
        assertThat(Files.readString(archive.resolveSibling("runbook.jsa.size")).strip())
                .isEqualTo(Long.toString(Files.size(archive)));
    }

    /** One host whose runbook_java is a real wrapper around java that appends each command line it gets to {@code log}. */
    private Path inventoryLoggingJava(SshdHost host, Path log) throws IOException {
        Path java = Files.writeString(dir.resolve("java-wrapper"), "#!/bin/sh\nprintf '%s\\n' \"$*\" >> " + log
                + "\nexec java \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Files.writeString(dir.resolve("hosts.yaml"), "hosts:\n  h1: {address: " + host.address()
                + ", port: " + host.port() + ", user: " + host.user() + ", vars: {runbook_java: " + java
                + ", runbook_state: " + host.home().resolve("state") + "}}\n");
    }

    private int run(Path runbook, Path inventory, String... more) {
        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        List<String> args = new java.util.ArrayList<>(List.of("run", runbook.toString(), "--inventory",
                inventory.toString(), "--yes", "--ssh-dir", dir.resolve("fleet").toString(), "--identity",
                fleet.identity().toString(), "--state", dir.resolve("controller").toString()));
        args.addAll(List.of(more));
        return Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path cacheFolder(SshdHost host) throws IOException {
        try (Stream<Path> files = Files.walk(host.home().resolve(".cache/runbook"))) {
            return files.filter(p -> p.getFileName().toString().equals("runbook.jar")).findFirst().orElseThrow()
                    .getParent();
        }
    }
}
