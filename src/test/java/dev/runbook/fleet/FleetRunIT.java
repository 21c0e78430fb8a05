package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.support.SshdFleet;
import dev.runbook.support.SshdHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet controller against real OpenSSH servers on loopback (SshdFleet), each host with its own
 * HOME, app folder and journal, running this build's jar (an IT: it needs target/runbook.jar).
 */
class FleetRunIT {

    private static final String SECRET = "fleet-s3cr3t-7431";

    @TempDir
    Path dir;

    private SshdFleet fleet;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private Path runbook() throws IOException {
        return Files.writeString(dir.resolve("upgrade.yaml"), """
                format: 1
                name: fleet-upgrade
                defaults: { on_error: rollback }
                params:
                  pause: { type: string, default: "0" }
                  app: { type: path }
                  ledger: { type: path }
                  who: { type: string }
                  token: { type: string, secret: true }
                steps:
                  - id: check
                    action: exec
                    readonly: true
                    with: { shell: "test -f {{ params.app }}/config.txt" }
                  - id: install
                    action: exec
                    with: { shell: "echo {{ params.who }} >> {{ params.ledger }}.runs && sleep {{ params.pause }} && echo v2 > {{ params.app }}/version && printf %s {{ params.token }} | sha256sum > {{ params.app }}/token.sha" }
                    undo: { action: exec, with: { shell: "echo v1 > {{ params.app }}/version && echo undo-{{ params.who }} >> {{ params.ledger }}" } }
                  - id: health
                    action: exec
                    readonly: true
                    with: { shell: "test ! -f {{ params.app }}/broken" }
                """);
    }

    /** Hosts h1..hN, each with app/config.txt and app/version v1; our own inventory form. */
    private Path inventory(int count) throws IOException {
        return inventory(count, "");
    }

    private Path inventory(int count, String moreVars) throws IOException {
        fleet = SshdFleet.start(dir.resolve("fleet"), count);
        StringBuilder yaml = new StringBuilder("vars:\n  ledger: " + dir.resolve("ledger") + "\n" + moreVars + "hosts:\n");
        for (SshdHost host : fleet.hosts()) {
            Path app = Files.createDirectories(host.home().resolve("app"));
            Files.writeString(app.resolve("config.txt"), "ok\n");
            Files.writeString(app.resolve("version"), "v1\n");
            yaml.append("  ").append(host.name()).append(": {address: ").append(host.address()).append(", port: ")
                    .append(host.port()).append(", user: ").append(host.user()).append(", vars: {who: ").append(host.name()).append(", app: ")
                    .append(app).append(", runbook_state: ").append(host.home().resolve("state")).append("}}\n");
        }
        return Files.writeString(dir.resolve("hosts.yaml"), yaml);
    }

    private int runbookCli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(sshArgs());
        return cli(all);
    }

    private List<String> sshArgs() {
        return List.of("--ssh-dir", dir.resolve("fleet").toString(), "--identity", fleet.identity().toString());
    }

    private int cli(List<String> args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--state", dir.resolve("controller").toString(), "--secret-file", "token=" + secretFile()));
        return Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path secretFile() {
        try {
            return Files.writeString(dir.resolve("token"), SECRET + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String version(int host) throws IOException {
        return Files.readString(fleet.host(host).home().resolve("app/version")).strip();
    }

    private List<HostRecord> journal() throws Exception {
        try (FleetJournal journal = FleetJournal.open(dir.resolve("controller"))) {
            return journal.hosts(journal.runs(1).get(0).id());
        }
    }

    @Test
    void wavesRunInOrderAndABrokenHostSpendsTheBudgetAndEveryFinishedHostIsUndoneLastWaveFirst() throws Exception {
        Path inventory = inventory(4);
        Files.writeString(fleet.host(3).home().resolve("app/broken"), "");
        int code = runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--serial", "1",
                "--yes");
        assertThat(code).as(err.toString()).isEqualTo(4);
        // h1, h2 ran and were undone (h2 first: reverse wave order); h3 rolled itself back; h4 never started.
        assertThat(List.of(version(1), version(2), version(3), version(4))).containsOnly("v1");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("undo-h3", "undo-h2", "undo-h1");
        assertThat(fleet.host(4).home().resolve("state")).doesNotExist();
        assertThat(journal()).extracting(h -> h.host() + " " + h.wave() + " " + h.status().word()).containsExactly(
                "h1 1 undone", "h2 2 undone", "h3 3 rolled back", "h4 4 not started");
        HostRecord h3 = journal().get(2);
        assertThat(h3.failedStep()).contains("health");
        assertThat(h3.exitCode()).contains(4);
        assertThat(h3.remoteRun()).isPresent();
        assertThat(err.toString()).contains("fleet run fleet-").contains(": rolled back");
    }

    @Test
    void aBudgetThatAllowsOneFailureLetsTheFleetGoOnWithoutRollback() throws Exception {
        Path inventory = inventory(3);
        Files.writeString(fleet.host(1).home().resolve("app/broken"), "");
        int code = runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--serial", "1,100%",
                "--max-fail", "1", "--yes");
        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(List.of(version(1), version(2), version(3))).containsExactly("v1", "v2", "v2");
        assertThat(journal()).extracting(h -> h.host() + " " + h.wave() + " " + h.status().word()).containsExactly(
                "h1 1 rolled back", "h2 2 succeeded", "h3 2 succeeded");
    }

    @Test
    void aFleetDryRunPreviewsEveryHostFromItsOwnStateAndIsAGate() throws Exception {
        Path inventory = inventory(3);
        Files.delete(fleet.host(2).home().resolve("app/config.txt"));
        int code = runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--dry-run",
                "--serial", "1");
        assertThat(code).as(err.toString()).isEqualTo(7);
        assertThat(List.of(version(1), version(2), version(3))).containsOnly("v1");
        assertThat(err.toString()).containsPattern("2 hosts would make \\d+ changes?; h2 would refuse: check: exit 1 \\(expected 0\\)");
        // Every host previewed at once, and what that means for the real run, which goes in waves.
        assertThat(err.toString()).contains("; the real run would stop in wave 2 of 3 (1 failing, --max-fail 0): later "
                + "waves would not start; fleet rollback would then undo the hosts that finished");
        assertThat(journal()).extracting(h -> h.host() + " " + h.status().word()).containsExactly(
                "h1 would change", "h2 would refuse", "h3 would change");
    }

    @Test
    void secretsReachHostsOnStdinOnlyAndAreInNoRemoteCommandLineFileOrOutput() throws Exception {
        Path inventory = inventory(2);
        int code = runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--yes", "--json");
        assertThat(code).as(err.toString()).isEqualTo(0);
        String expected = sha256(SECRET);
        for (SshdHost host : fleet.hosts()) {
            assertThat(Files.readString(host.home().resolve("app/token.sha"))).startsWith(expected);
            assertThat(host.commandLines()).noneMatch(line -> line.contains(SECRET));
            assertThat(filesContaining(host.home(), SECRET)).isEmpty();
            assertThat(Files.readString(host.log())).doesNotContain(SECRET);
        }
        assertThat(filesContaining(dir.resolve("controller"), SECRET)).isEmpty();
        assertThat(out.toString() + err).doesNotContain(SECRET);
        assertThat(out.toString().lines().filter(l -> l.contains("\"event\":\"run_finished\"")))
                .hasSize(2).allMatch(l -> l.contains("\"host\":\"h"));
        List<String> finished = out.toString().lines().filter(l -> l.contains("\"event\":\"host_finished\"")).toList();
        assertThat(finished).hasSize(2).allMatch(l -> l.contains("\"timings_ms\":"));
        finished.forEach(System.out::println); // per-host figures, for the record
        // A second run finds jar and runbook cached: nothing uploaded.
        assertThat(runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--yes", "--json"))
                .isEqualTo(0);
        List<String> again = out.toString().lines().filter(l -> l.contains("\"event\":\"host_finished\"")).toList();
        assertThat(again).hasSize(2).allMatch(l -> l.contains("\"uploaded_files\":0"));
        again.forEach(System.out::println);
    }

    @Test
    void aHostThatIsDownAndOneWithAChangedHostKeyAreRefusedAndNothingRunsThere() throws Exception {
        Path inventory = inventory(3);
        fleet.host(1).down();
        fleet.host(2).changeHostKey();
        int code = runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--max-fail", "2",
                "--yes");
        assertThat(code).as(err.toString()).isEqualTo(12);
        assertThat(List.of(version(1), version(2), version(3))).containsExactly("v1", "v1", "v2");
        assertThat(fleet.host(2).home().resolve("state")).doesNotExist();
        assertThat(fleet.host(2).home().resolve(".cache")).doesNotExist();
        assertThat(journal()).extracting(h -> h.host() + " " + h.status().word()).containsExactly(
                "h1 unreachable", "h2 unreachable", "h3 succeeded");
        assertThat(journal().get(0).error().orElseThrow()).startsWith("cannot connect to 127.0.0.1:" + fleet.host(1).port());
        assertThat(journal().get(1).error().orElseThrow()).startsWith("refused: its host key CHANGED: known_hosts has ");
    }

    @Test
    void aFleetRollbackIsRolledBackOnlyWhenItUndidAHostAndEveryUndoSucceeded() throws Exception {
        // Nothing finished to undo: the only failure is a host that was down, so the run is "unreachable".
        Path inventory = inventory(2);
        fleet.host(1).down();
        assertThat(runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--serial", "1",
                "--yes")).as(err.toString()).isEqualTo(12);
        assertThat(err.toString()).contains("failure budget spent: no host finished a run, so fleet rollback has "
                + "nothing to undo").contains(": unreachable — ");
        assertThat(journal()).extracting(h -> h.host() + " " + h.status().word()).containsExactly(
                "h1 unreachable", "h2 not started");
    }

    @Test
    void aHostWhoseUndoFailsMakesTheFleetRunRollbackFailedNotRolledBack() throws Exception {
        Path inventory = inventory(2);
        Files.delete(fleet.host(2).home().resolve("app/config.txt"));
        // The undo appends to the ledger, the run to ledger.runs: a folder there fails h1's undo only.
        Files.createDirectories(dir.resolve("ledger"));
        assertThat(runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--serial", "1",
                "--yes")).as(err.toString()).isEqualTo(8);
        assertThat(err.toString()).contains(": rollback failed — ");
        assertThat(journal()).extracting(h -> h.host() + " " + h.status().word()).containsExactly(
                "h1 undo failed", "h2 rolled back");
    }

    @Test
    void withCancelInFlightTheHostsStillRunningAreInterruptedWhenTheBudgetIsSpent() throws Exception {
        Path inventory = inventory(3, "  pause: \"30\"\n");
        Files.delete(fleet.host(1).home().resolve("app/config.txt"));
        long started = System.nanoTime();
        int code = runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--cancel-in-flight",
                "--yes");
        assertThat(code).as(err.toString()).isEqualTo(4);
        assertThat((System.nanoTime() - started) / 1_000_000_000L).as("seconds").isLessThan(30);
        assertThat(List.of(version(1), version(2), version(3))).containsOnly("v1");
        assertThat(journal()).extracting(h -> h.host() + " " + h.status().word()).containsExactly(
                "h1 rolled back", "h2 cancelled", "h3 cancelled");
    }

    @Test
    void aControllerKilledMidWaveIsResumedFromEachHostsJournalAndNothingRunsTwice() throws Exception {
        // With variables for other playbooks, which neither the run nor its resume passes to a host.
        Path inventory = inventory(3, "  pause: \"2\"\n  owner_team: ops\n  ntp_servers: [ntp1, ntp2]\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/runbook.jar").toAbsolutePath().toString(), "run", runbook().toString(),
                "--inventory", inventory.toString(), "--serial", "1", "--yes", "--state",
                dir.resolve("controller").toString(), "--secret-file", "token=" + secretFile()));
        command.addAll(sshArgs());
        Process controller = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("controller.log").toFile()).start();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(dir.resolve("ledger.runs")) || !Files.readString(dir.resolve("ledger.runs")).contains("h2")) {
            assertThat(System.nanoTime()).as(Files.readString(dir.resolve("controller.log"))).isLessThan(deadline);
            Thread.sleep(100);
        }
        // While that controller lives, neither a second fleet run of the change on these hosts nor a
        // resume of its own run goes ahead: each would find hosts busy and roll back what it just changed.
        String live;
        try (FleetJournal journal = FleetJournal.open(dir.resolve("controller"))) {
            live = journal.runs(1).get(0).id();
        }
        assertThat(runbookCli("run", runbook().toString(), "--inventory", inventory.toString(), "--yes"))
                .as(err.toString()).isEqualTo(5);
        assertThat(err.toString()).contains("runbook: runbook 'fleet-upgrade on ").contains(" (a fleet run)' is locked "
                + "by run " + live + " (pid " + controller.pid());
        assertThat(cli(List.of("resume", live))).as(err.toString()).isEqualTo(5);
        controller.destroyForcibly().waitFor();
        String fleetRun;
        try (FleetJournal journal = FleetJournal.open(dir.resolve("controller"))) {
            fleetRun = journal.runs(1).get(0).id();
            assertThat(journal.hosts(fleetRun)).extracting(h -> h.status().word())
                    .containsExactly("succeeded", "running", "pending");
        }
        // Without the secret the run was given, the resume is refused before any host is contacted.
        err.getBuffer().setLength(0);
        assertThat(Main.execute(new String[] {"resume", fleetRun, "--state", dir.resolve("controller").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("runbook: fleet run " + fleetRun + " was given the secret token, which the "
                + "journal never keeps\n  hint: give it again: --secret-file NAME=PATH or --secret-env NAME=VAR\n");
        try (FleetJournal journal = FleetJournal.open(dir.resolve("controller"))) {
            assertThat(journal.hosts(fleetRun)).extracting(h -> h.status().word())
                    .containsExactly("succeeded", "running", "pending");
        }
        int code = cli(List.of("resume", fleetRun));
        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(List.of(version(1), version(2), version(3))).containsOnly("v2");
        assertThat(Files.readAllLines(dir.resolve("ledger.runs"))).containsExactly("h1", "h2", "h3");
        assertThat(journal()).extracting(h -> h.host() + " " + h.status().word()).containsExactly(
                "h1 succeeded", "h2 succeeded", "h3 succeeded");
        assertThat(journal().get(1).remoteRun()).isPresent();
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Path> filesContaining(Path root, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret);
                } catch (IOException e) {
                    return false;
                }
            }).collect(Collectors.toList());
        }
    }
}
