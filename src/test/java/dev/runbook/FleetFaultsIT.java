package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.FleetApps;
import dev.runbook.support.SshdFleet;
import dev.runbook.support.SshdHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, points 5 and 6: the fleet controller (bin/runbook, a real child JVM) against real OpenSSH
 * servers on loopback ports (support/SshdFleet), each host with its own HOME, journal and deployed
 * app (support/FleetApps: JSON config, SQLite database, git checkout). Every fault is checked on the
 * hosts themselves: their files, databases and git state, and the one shared log of runs and undos.
 */
class FleetFaultsIT {

    /** Long enough to be masked; quoting-hostile, so a leak through any shell layer would show. */
    private static final String SECRET = "fleet-S3cret 'q\" $x";

    @TempDir
    Path dir;

    @Test
    void aHostDownOneRefusingTheKeyAndOneWithAChangedHostKeyAreRefusedAndNothingRunsThere() throws Exception {
        try (SshdFleet fleet = SshdFleet.start(dir.resolve("hosts"), 4)) {
            Path inventory = inventory(fleet, Map.of());
            fleet.host(1).down();
            fleet.host(2).refuseKey();
            fleet.host(3).changeHostKey();

            FleetRun run = FleetRun.start(this, inventory, "--max-fail", "3");
            run.waitFor();

            assertThat(run.code).as(run.output()).isEqualTo(12);
            assertThat(run.hostStatus("h1")).isEqualTo("unreachable");
            assertThat(run.hostStatus("h2")).isEqualTo("unreachable");
            assertThat(run.hostStatus("h3")).isEqualTo("unreachable");
            assertThat(run.hostStatus("h4")).isEqualTo("succeeded");
            assertThat(run.hostError("h1")).contains("cannot connect to");
            assertThat(run.hostError("h2")).contains("did not accept our key");
            assertThat(run.hostError("h3")).contains("CHANGED");
            for (int h = 1; h <= 3; h++) {
                SshdHost host = fleet.host(h);
                assertThat(FleetApps.versions(host)).isEqualTo("1.0 1.0 1.0");
                assertThat(host.home().resolve(".cache")).as("nothing uploaded to " + host.name()).doesNotExist();
                assertThat(host.home().resolve("state")).as("no journal on " + host.name()).doesNotExist();
            }
            assertThat(FleetApps.versions(fleet.host(4))).isEqualTo("2.0 2.0 2.0");
            assertThat(orderLog()).containsExactly("run h4 0");
        }
    }

    @Test
    void aBudgetSpentInWaveTwoUndoesWavesTwoThenOneAndNeverStartsWaveThreeAndNoSecretLeaks() throws Exception {
        try (SshdFleet fleet = SshdFleet.start(dir.resolve("hosts"), 6)) {
            Path inventory = inventory(fleet, Map.of("h4", Map.of("fail", "true")));
            List<String> commandLines = new ArrayList<>();

            FleetRun run = FleetRun.start(this, inventory, "--serial", "2", "--max-fail", "0",
                    "--secret-env", "token=FLEET_TOKEN");
            while (run.process.isAlive()) {   // what every host's sshd sessions run, while they run
                fleet.hosts().forEach(h -> commandLines.addAll(h.commandLines()));
                Thread.sleep(50);
            }
            run.waitFor();

            assertThat(run.finished().get("status")).as(run.output()).isEqualTo("rolled back");
            assertThat(run.hostStatus("h1")).isEqualTo("undone");
            assertThat(run.hostStatus("h2")).isEqualTo("undone");
            assertThat(run.hostStatus("h3")).isEqualTo("undone");
            assertThat(run.hostStatus("h4")).isEqualTo("rolled back");
            assertThat(run.host("h5")).as("no event for a host never started").isEmpty();
            Map<String, String> journal = journalStatuses(run.fleetRunId());   // the controller's fleet.db
            assertThat(journal).containsEntry("h1", "undone").containsEntry("h3", "undone")
                    .containsEntry("h4", "rolled back").containsEntry("h5", "not started").containsEntry("h6", "not started");
            for (SshdHost host : fleet.hosts()) {
                assertThat(FleetApps.versions(host)).as(host.name()).isEqualTo("1.0 1.0 1.0");
            }
            List<String> order = orderLog();
            int secretLength = SECRET.length();
            assertThat(order).containsExactlyInAnyOrder("run h1 " + secretLength, "run h2 " + secretLength,
                    "run h3 " + secretLength, "run h4 " + secretLength, "undo h4", "undo h3", "undo h1", "undo h2");
            assertThat(order.indexOf("undo h3")).as("wave 2 undone before wave 1: " + order)
                    .isLessThan(Math.min(order.indexOf("undo h1"), order.indexOf("undo h2")));
            assertThat(order.indexOf("undo h3")).isGreaterThan(Math.max(order.indexOf("run h1 " + secretLength),
                    order.indexOf("run h2 " + secretLength)));
            for (int h = 5; h <= 6; h++) {
                assertThat(fleet.host(h).home().resolve("state")).as("h" + h + " never ran").doesNotExist();
            }

            assertThat(commandLines).as("remote command lines seen").isNotEmpty()
                    .anyMatch(line -> line.contains("--secrets-stdin"))
                    .noneMatch(line -> line.contains(SECRET) || line.contains("S3cret"));
            assertThat(run.output()).doesNotContain("S3cret");
            assertNoFileHolds(dir, "S3cret");
            // A run that held secrets dumped no class archive on any host (that JVM could write one into it).
            try (Stream<Path> files = Files.walk(dir.resolve("hosts"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".jsa"));
            }
        }
    }

    @Test
    void aConnectionDroppedMidRunLeavesTheHostUnknownAndNothingRunsTwice() throws Exception {
        try (SshdFleet fleet = SshdFleet.start(dir.resolve("hosts"), 2)) {
            Path inventory = inventory(fleet, Map.of("h1", Map.of("pause", "6")));

            FleetRun run = FleetRun.start(this, inventory, "--max-fail", "1");
            waitUntil(() -> orderLog().contains("run h1 0"));
            assertThat(fleet.host(1).dropSessions()).isPositive();
            run.waitFor();

            assertThat(run.hostStatus("h1")).as(run.output()).isEqualTo("unknown");
            assertThat(run.hostStatus("h2")).isEqualTo("succeeded");
            waitUntil(() -> fleet.host(1).processes().isEmpty());   // the cut-off run ends on its own
            assertThat(orderLog()).containsExactlyInAnyOrder("run h1 0", "run h2 0");
            assertThat(fleet.host(1).home().resolve("state")).as("h1's own journal").isDirectory();
        }
    }

    @Test
    void aControllerKilledMidWaveIsResumedAndNoHostRunsTwice() throws Exception {
        try (SshdFleet fleet = SshdFleet.start(dir.resolve("hosts"), 4)) {
            Path inventory = inventory(fleet, Map.of("h1", Map.of("pause", "5"), "h2", Map.of("pause", "5")));
            int length = SECRET.length();
            String fleetRun = killedInWaveOne(inventory);
            assertThat(journalStatuses(fleetRun)).containsEntry("h1", "running").containsEntry("h3", "pending");

            FleetRun resumed = FleetRun.resume(this, fleetRun);
            resumed.waitFor();

            assertThat(resumed.code).as(resumed.output()).isZero();
            assertThat(journalStatuses(fleetRun)).containsOnly(Map.entry("h1", "succeeded"), Map.entry("h2", "succeeded"),
                    Map.entry("h3", "succeeded"), Map.entry("h4", "succeeded"));
            for (SshdHost host : fleet.hosts()) {
                assertThat(FleetApps.versions(host)).as(host.name()).isEqualTo("2.0 2.0 2.0");
            }
            assertThat(orderLog()).as("each host ran once").containsExactlyInAnyOrder("run h1 " + length,
                    "run h2 " + length, "run h3 " + length, "run h4 " + length);
        }
    }

    @Test
    void aHostWhoseResumeNeedsADecisionStopsTheFleetWithoutRollbackUntilTheOperatorDecides() throws Exception {
        try (SshdFleet fleet = SshdFleet.start(dir.resolve("hosts"), 4)) {
            Path inventory = inventory(fleet, Map.of("h1", Map.of("pause", "10"), "h2", Map.of("pause", "2")));
            String fleetRun = killedInWaveOne(inventory);
            // h1's engine dies too, in its step 'record' (not idempotent), its sleep left running.
            Path home = fleet.host(1).home();
            List<ProcessHandle> engine = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .filter(c -> c.contains(home.toString()) && c.contains("runbook.jar") && c.contains(" run ")).isPresent())
                    .toList();
            assertThat(engine).hasSize(1);
            engine.get(0).destroyForcibly();
            engine.get(0).onExit().get(30, TimeUnit.SECONDS);

            FleetRun waiting = FleetRun.resume(this, fleetRun);
            waiting.waitFor();
            assertThat(waiting.code).as(waiting.output()).isEqualTo(6);
            assertThat(journalStatuses(fleetRun)).containsEntry("h1", "needs a decision").containsEntry("h2", "succeeded")
                    .containsEntry("h3", "not started").containsEntry("h4", "not started");
            assertThat(orderLog()).as("nothing undone, no later wave").noneMatch(line -> line.startsWith("undo"))
                    .hasSize(2);

            FleetRun decided = FleetRun.resume(this, fleetRun, "--retry-interrupted", "--stop-survivors");
            decided.waitFor();
            assertThat(decided.code).as(decided.output()).isZero();
            assertThat(journalStatuses(fleetRun)).containsOnly(Map.entry("h1", "succeeded"), Map.entry("h2", "succeeded"),
                    Map.entry("h3", "succeeded"), Map.entry("h4", "succeeded"));
            for (SshdHost host : fleet.hosts()) {
                assertThat(FleetApps.versions(host)).as(host.name()).isEqualTo("2.0 2.0 2.0");
            }
        }
    }

    /** A fleet run in waves of 2 whose controller is SIGKILLed once h1 and h2 are in their pause; its id. */
    private String killedInWaveOne(Path inventory) throws Exception {
        int length = SECRET.length();
        FleetRun run = FleetRun.start(this, inventory, "--serial", "2", "--secret-env", "token=FLEET_TOKEN");
        String fleetRun = run.fleetRunId();
        waitUntil(() -> orderLog().containsAll(List.of("run h1 " + length, "run h2 " + length)));
        run.process.destroyForcibly();
        run.waitFor();
        return fleetRun;
    }

    /** Writes the deploy runbook and an Ansible inventory whose host vars are FleetApps' params. */
    private Path inventory(SshdFleet fleet, Map<String, Map<String, String>> extra) throws Exception {
        Files.writeString(dir.resolve("deploy.yaml"), FleetApps.DEPLOY);
        for (SshdHost host : fleet.hosts()) {
            FleetApps.install(host);
        }
        return fleet.writeAnsibleInventory(dir.resolve("hosts.yaml"), "    order_log: \"" + orderLogPath() + "\"\n",
                host -> {
                    Map<String, String> vars = new LinkedHashMap<>();
                    vars.put("app_dir", host.home().resolve("app").toString());
                    vars.put("host", host.name());
                    vars.putAll(extra.getOrDefault(host.name(), Map.of()));
                    return vars;
                });
    }

    private Path orderLogPath() {
        return dir.resolve("order.log");
    }

    List<String> orderLog() throws Exception {
        return Files.exists(orderLogPath()) ? Files.readAllLines(orderLogPath()) : List.of();
    }

    /** Each host's status in the controller's fleet journal (state folder, fleet.db). */
    private Map<String, String> journalStatuses(String fleetRun) throws Exception {
        Map<String, String> statuses = new LinkedHashMap<>();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("controller/fleet.db"));
             java.sql.PreparedStatement query = db.prepareStatement(
                     "SELECT host, status FROM fleet_hosts WHERE fleet_run = ? ORDER BY host")) {
            query.setString(1, fleetRun);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return statuses;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 120 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void assertNoFileHolds(Path root, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                assertThat(indexOf(bytes, needle)).as("the secret is in " + file).isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One controller: bin/runbook run deploy.yaml --inventory ... --json, a real child JVM. */
    static final class FleetRun {

        final Process process;
        final Path out;
        final Path err;
        int code = -1;

        private FleetRun(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static FleetRun start(FleetFaultsIT test, Path inventory, String... options) throws Exception {
            List<String> argv = new ArrayList<>(List.of(Path.of("bin/runbook").toAbsolutePath().toString(), "run",
                    test.dir.resolve("deploy.yaml").toString(), "--inventory", inventory.toString(), "--ssh-dir",
                    inventory.getParent().resolve("hosts").toString(), "--state",
                    test.dir.resolve("controller").toString(), "--yes", "--json"));
            argv.addAll(List.of(options));
            return launch(test, argv, "run");
        }

        static FleetRun resume(FleetFaultsIT test, String fleetRun, String... decisions) throws Exception {
            List<String> argv = new ArrayList<>(List.of(Path.of("bin/runbook").toAbsolutePath().toString(), "resume",
                    fleetRun, "--state", test.dir.resolve("controller").toString(), "--yes", "--json",
                    "--secret-env", "token=FLEET_TOKEN"));
            argv.addAll(List.of(decisions));
            return launch(test, argv, "resume");
        }

        private static FleetRun launch(FleetFaultsIT test, List<String> argv, String name) throws Exception {
            Path out = test.dir.resolve(name + ".out");
            Path err = test.dir.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(argv).directory(test.dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("FLEET_TOKEN", SECRET);
            return new FleetRun(builder.start(), out, err);
        }

        void waitFor() throws Exception {
            assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("the fleet run ended").isTrue();
            code = process.exitValue();
        }

        String output() throws Exception {
            return Files.readString(out) + Files.readString(err);
        }

        List<Map<?, ?>> events() throws Exception {
            List<Map<?, ?>> events = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith("{")) {
                    events.add((Map<?, ?>) dev.runbook.json.PlainJson.read(line));
                }
            }
            return events;
        }

        /** The last host_finished event of a host (a rolled-back host finishes twice: run, then undo). */
        Map<?, ?> host(String host) throws Exception {
            Map<?, ?> last = Map.of();
            for (Map<?, ?> event : events()) {
                if ("host_finished".equals(event.get("event")) && host.equals(event.get("host"))) {
                    last = event;
                }
            }
            return last;
        }

        String hostStatus(String host) throws Exception {
            return String.valueOf(host(host).get("status"));
        }

        String hostError(String host) throws Exception {
            return String.valueOf(host(host).get("error"));
        }

        Map<?, ?> finished() throws Exception {
            return events().stream().filter(e -> "fleet_finished".equals(e.get("event"))).findFirst().orElse(Map.of());
        }

        /** The fleet run's id, once its first event is out. */
        String fleetRunId() throws Exception {
            for (int i = 0; i < 2400; i++) {
                for (Map<?, ?> event : events()) {
                    if (event.get("fleet_run") instanceof String id) {
                        return id;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no fleet_run in " + output());
        }
    }
}
