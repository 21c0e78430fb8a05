import dev.runbook.support.SshdFleet;
import dev.runbook.support.SshdHost;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 18's benchmark, second workload: a shipped rollback scenario on every host. Each host (a real
 * sshd on a loopback port, support/SshdFleet) gets its own TMWS installation under its HOME, built by
 * examples/tmws/setup with {@code --break critical-files}: the Phase 4 versions of the five critical
 * files in place, the service down, and the hand-made backup backups/pre-phase4 with its SHA256SUMS.
 * Then, interleaved in rounds, the same rollback on all hosts at once:
 * <ul>
 * <li>ansible-playbook with bench/fleet-tmws-critical-files.yml (pipelining on, forks = hosts, a cold
 * ControlMaster each run, gather_facts off, the interpreter named);</li>
 * <li>the fleet controller: {@code runbook run runbooks/tmws-phase4-rollback.yaml --scenario
 * critical-files --inventory ... --yes --json}, the jar, runbook and JVM archive cached on every host
 * (by one untimed run first), as bin/runbook starts it, and again with its own JVM given an AppCDS
 * archive;</li>
 * <li>the floor under any controller that starts this engine on each host: every host at once, over
 * plain OpenSSH, runs the controller's cached jar and runbook with the controller's remote JVM flags and
 * archive ({@code ssh host java ... -jar CACHE/runbook.jar run CACHE/RUNBOOK --scenario ... -p ...}).</li>
 * </ul>
 * The same inventory serves both: each host's app_dir, python and log_file are host vars. Before each
 * timed run every host is put back in the broken state (untimed) and checked to be broken; after it,
 * every host is checked to be restored: the five files equal the backup's, and one evidence folder
 * with a FAILURE_REPORT.md. Besides wall time, each run's CPU: the controller's side (/usr/bin/time of
 * the controller, ansible-playbook and its detached ControlMasters, or the ssh clients) plus what every
 * host's sshd reaped from its finished sessions; and, from the cached controller runs' events, where
 * a host's time goes. Run with bench/run-fleet-scenario [ROUNDS] [SIZES...].
 */
public final class FleetScenarioBench {

    static final Path JAR = Path.of(System.getProperty("fleet.jar", "target/runbook.jar")).toAbsolutePath();
    static final Path RUNBOOK = Path.of("runbooks/tmws-phase4-rollback.yaml").toAbsolutePath();
    static final Path PLAYBOOK = Path.of("bench/fleet-tmws-critical-files.yml").toAbsolutePath();
    static final String SCENARIO = "critical-files";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10);
        }
        Path work = Files.createTempDirectory("fleet-scenario-bench");
        System.out.printf("jar %s, %.1f MB; %d cores; load %.1f; scenario %s of %s%n", JAR, Files.size(JAR) / 1e6,
                Runtime.getRuntime().availableProcessors(), load(), SCENARIO, RUNBOOK.getFileName());
        try {
            for (int size : sizes) {
                try (SshdFleet fleet = SshdFleet.start(work.resolve("fleet-" + size), size)) {
                    TmwsHosts tmws = new TmwsHosts(fleet);
                    try {
                        bench(work, fleet, tmws, size, rounds);
                    } finally {
                        tmws.stopAll();
                    }
                }
            }
        } finally {
            TmwsHosts.deleteAll(work);
        }
    }

    private static void bench(Path work, SshdFleet fleet, TmwsHosts tmws, int size, int rounds) throws Exception {
        long setupStart = System.nanoTime();
        tmws.setUp();
        System.out.printf("%d hosts: TMWS set up and broken (%s) on every host in %.0f s (untimed)%n", size, SCENARIO,
                (System.nanoTime() - setupStart) / 1e9);
        Path inventory = fleet.writeAnsibleInventory(work.resolve("inventory-" + size + ".yaml"),
                "    ansible_python_interpreter: /usr/bin/python3\n"
                        + "    ansible_ssh_private_key_file: " + fleet.identity() + "\n"
                        + "    ansible_ssh_common_args: -F /dev/null -o UserKnownHostsFile=" + fleet.knownHosts() + "\n",
                tmws::params);
        ScenarioRuns runs = new ScenarioRuns(work, fleet, inventory, size);
        // Untimed: the controller's first run uploads the jar and the runbook to every host and dumps
        // the JVM archive there (trained on this scenario); a second one dumps the controller's own.
        for (String what : List.of("not cached", "archive dump")) {
            tmws.breakAll();
            double ms = runs.controller(what);
            tmws.checkRestored(what);
            System.out.printf("%d hosts, controller %s (untimed warm-up): %.0f ms%n", size, what, ms);
        }
        Map<String, Callable<Double>> kinds = new LinkedHashMap<>();
        kinds.put("ansible-playbook", runs::ansible);
        kinds.put("runbook run --inventory (the controller)", () -> runs.controller("cached"));
        kinds.put("the controller, its own JVM with an AppCDS archive", () -> runs.controller("cached, controller CDS"));
        kinds.put("ssh + runbook run, the controller's remote flags and archive", () -> runs.overSsh(tmws));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> line = new ArrayList<>();
            double loadBefore = load();
            for (Map.Entry<String, Callable<Double>> kind : kinds.entrySet()) {
                tmws.breakAll();
                long hostTicks = TmwsHosts.sessionTicks(fleet);
                double ms = kind.getValue().call();
                double seconds = runs.clientCpu() + TmwsHosts.settledTicksSince(fleet, hostTicks) / 100.0;
                tmws.checkRestored(kind.getKey());
                times.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(ms);
                cpu.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(seconds);
                line.add(String.format("%s %.0f (CPU %.1f s)", kind.getKey(), ms, seconds));
            }
            System.out.printf("%d hosts, round %d (load %.1f before, %.1f after): %s ms; every host checked restored%n",
                    size, round, loadBefore, load(), String.join(", ", line));
        }
        double ansible = median(times.get("ansible-playbook"));
        for (Map.Entry<String, List<Double>> kind : times.entrySet()) {
            double ms = median(kind.getValue());
            double seconds = median(cpu.get(kind.getKey()));
            System.out.printf("%d hosts, %-62s median %6.0f ms %s, %.1fx ansible; CPU median %.1f s %s, %.1fx ansible's%n",
                    size, kind.getKey(), ms, kind.getValue().stream().map(v -> String.format("%.0f", v)).toList(), ansible / ms,
                    seconds, cpu.get(kind.getKey()).stream().map(v -> String.format("%.1f", v)).toList(),
                    median(cpu.get("ansible-playbook")) / seconds);
        }
        runs.memory().forEach((what, kb) -> System.out.printf("%d hosts, %s: peak RSS %.0f MB%n", size, what, kb / 1024.0));
        runs.printBreakdown();
    }

    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Runs every task, at most {@code threads} at once, and returns when all ended (the first failure rethrown). */
    static void parallel(List<Callable<Object>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Object> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Runs a command to its end; its output goes to {@code output}; a non-zero exit is an error. */
    static void run(ProcessBuilder builder, Path output) throws Exception {
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " exited " + code + ":\n"
                    + Files.readString(output));
        }
    }
}

/**
 * The TMWS installations, one under each host's HOME ({@code HOME/tmws}), as examples/tmws/setup
 * leaves them with {@code --break critical-files}; the Phase 4 versions of the critical files are kept
 * aside (HOME/phase4-critical) to break the installation again between runs.
 */
final class TmwsHosts {

    /** Seed, Step 5: the backup's name of each critical file, then its place in the checkout. */
    static final Map<String, String> CRITICAL = new LinkedHashMap<>();

    static {
        CRITICAL.put("tool_category.py", "src/domain/value_objects/tool_category.py");
        CRITICAL.put("verification_service.py", "src/services/verification_service.py");
        CRITICAL.put("learning_trust_integration.py", "src/services/learning_trust_integration.py");
        CRITICAL.put("test_go_python_category_sync.py", "tests/integration/test_go_python_category_sync.py");
        CRITICAL.put("test_verification_learning_integration.py", "tests/unit/services/test_verification_learning_integration.py");
    }

    private final SshdFleet fleet;

    TmwsHosts(SshdFleet fleet) {
        this.fleet = fleet;
    }

    static Path app(SshdHost host) {
        return host.home().resolve("tmws");
    }

    private static Path phase4(SshdHost host) {
        return host.home().resolve("phase4-critical");
    }

    /** The runbook params of this host, as host vars (the playbook reads the same names). */
    Map<String, String> params(SshdHost host) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("app_dir", app(host).toString());
        vars.put("python", app(host).resolve(".venv/bin/python").toString());
        vars.put("log_file", app(host).resolve("logs/tmws.log").toString());
        return vars;
    }

    /** examples/tmws/setup on every host: the first alone (it compiles the example's git helper), then two at a time. */
    void setUp() throws Exception {
        List<SshdHost> hosts = fleet.hosts();
        setUp(hosts.get(0));
        List<Callable<Object>> rest = new ArrayList<>();
        for (SshdHost host : hosts.subList(1, hosts.size())) {
            rest.add(() -> setUp(host));
        }
        if (!rest.isEmpty()) {
            FleetScenarioBench.parallel(rest, 2);
        }
    }

    private Object setUp(SshdHost host) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FleetScenarioBench.run(new ProcessBuilder("examples/tmws/setup", app(host).toString(), "--break",
                FleetScenarioBench.SCENARIO, "--port", Integer.toString(port)), host.folder().resolve("setup.log"));
        Files.createDirectories(phase4(host));
        for (Map.Entry<String, String> file : CRITICAL.entrySet()) {
            Files.copy(app(host).resolve(file.getValue()), phase4(host).resolve(file.getKey()));
        }
        checkBroken(host);
        return null;
    }

    /** Every host back to the failed Phase 4 state (untimed): its critical files, no evidence of earlier runs. */
    void breakAll() throws Exception {
        for (SshdHost host : fleet.hosts()) {
            for (Map.Entry<String, String> file : CRITICAL.entrySet()) {
                Files.copy(phase4(host).resolve(file.getKey()), app(host).resolve(file.getValue()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            deleteAll(app(host).resolve("forensics"));
            checkBroken(host);
        }
    }

    private static void checkBroken(SshdHost host) throws Exception {
        for (Map.Entry<String, String> file : CRITICAL.entrySet()) {
            if (sha256(app(host).resolve(file.getValue())).equals(sha256(backup(host, file.getKey())))) {
                throw new IllegalStateException(host.name() + ": " + file.getValue() + " is not broken");
            }
        }
    }

    /**
     * Every host restored by the run: each critical file equal to the backup's, and exactly one evidence
     * folder (forensics/phase4-failure/ID) holding the replaced files, migrations/versions, the log and
     * a FAILURE_REPORT.md that names the restored database's revision.
     */
    void checkRestored(String by) throws Exception {
        for (SshdHost host : fleet.hosts()) {
            for (Map.Entry<String, String> file : CRITICAL.entrySet()) {
                if (!sha256(app(host).resolve(file.getValue())).equals(sha256(backup(host, file.getKey())))) {
                    throw new IllegalStateException(by + " did not restore " + file.getValue() + " on " + host.name());
                }
            }
            Path[] evidence;
            try (var folders = Files.list(app(host).resolve("forensics/phase4-failure"))) {
                evidence = folders.toArray(Path[]::new);
            }
            if (evidence.length != 1) {
                throw new IllegalStateException(by + ": " + host.name() + " has " + Arrays.toString(evidence));
            }
            Path report = evidence[0].resolve("FAILURE_REPORT.md");
            if (!Files.readString(report).contains("3c9d1e7f5a12")) {
                throw new IllegalStateException(by + ": " + report + " does not name the restored revision");
            }
            for (String part : List.of("versions", "tmws.log", "SHA256SUMS")) {
                if (!Files.exists(evidence[0].resolve(part))) {
                    throw new IllegalStateException(by + ": no " + part + " in " + evidence[0]);
                }
            }
            long kept;
            try (var files = Files.walk(evidence[0])) {
                kept = files.filter(p -> CRITICAL.containsKey(p.getFileName().toString())
                        && !p.startsWith(evidence[0].resolve("versions"))).count();
            }
            if (kept != CRITICAL.size()) {
                throw new IllegalStateException(by + ": " + host.name() + " kept " + kept + " of the Phase 4 files");
            }
        }
    }

    private static Path backup(SshdHost host, String name) {
        return app(host).resolve("backups/pre-phase4/critical_files").resolve(name);
    }

    /**
     * CPU clock ticks (1/100 s) of every finished SSH session on the fleet: each host's sshd listener's
     * reaped children (cutime + cstime in /proc/PID/stat), which include everything a session ran.
     */
    static long sessionTicks(SshdFleet fleet) throws Exception {
        long ticks = 0;
        for (SshdHost host : fleet.hosts()) {
            String config = host.folder().resolve("sshd_config").toString();
            for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"))).replace('\0', ' ');
                } catch (java.io.IOException gone) {
                    continue;
                }
                if (cmdline.contains("/usr/sbin/sshd -D") && cmdline.contains(config)) {   // the listener (its title is rewritten)
                    String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);   // cutime, cstime (fields 16, 17)
                }
            }
        }
        return ticks;
    }

    /** Ticks since {@code before}, once every host's sessions have ended and been reaped (at most 5 s). */
    static long settledTicksSince(SshdFleet fleet, long before) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && fleet.hosts().stream().anyMatch(h -> !h.processes().isEmpty())) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        return sessionTicks(fleet) - before;
    }

    /** examples/stop on every installation: nothing of them outlives the bench. */
    void stopAll() throws Exception {
        for (SshdHost host : fleet.hosts()) {
            if (Files.isDirectory(app(host))) {
                FleetScenarioBench.run(new ProcessBuilder("examples/stop", app(host).toString()), host.folder().resolve("stop.log"));
            }
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static void deleteAll(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var all = Files.walk(root)) {
            for (Path p : all.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

/** The two ways to run the rollback on the whole fleet, each timed as wall time for all hosts. */
final class ScenarioRuns {

    /** Where the controller caches the jar and the runbook on a host, and how it starts the JVM there (docs/FLEET.md). */
    private static final String CACHE = ".cache/runbook/";
    private static final String REMOTE_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable "
            + "-XX:CompileThresholdScaling=2";

    private final Path work;
    private final SshdFleet fleet;
    private final Path inventory;
    private final int size;
    private final Map<String, Long> peakKb = new LinkedHashMap<>();
    private int ansibleRuns;

    ScenarioRuns(Path work, SshdFleet fleet, Path inventory, int size) {
        this.work = work;
        this.fleet = fleet;
        this.inventory = inventory;
        this.size = size;
    }

    Map<String, Long> memory() {
        return peakKb;
    }

    private double lastClientCpu;

    /** CPU seconds (user + sys) on the controller's side of the last run: the controller, ansible-playbook or the ssh clients. */
    double clientCpu() {
        return lastClientCpu;
    }

    /** The last "cpu USER SYS" line /usr/bin/time wrote, in seconds. */
    private static double cpu(List<String> lines) {
        String line = lines.stream().filter(l -> l.startsWith("cpu ")).reduce((a, b) -> b).orElse("cpu 0 0");
        String[] parts = line.split(" ");
        return Double.parseDouble(parts[1]) + Double.parseDouble(parts[2]);
    }

    /**
     * The controller as bin/runbook starts it (C1 only, serial GC), from the jar under test, under
     * /usr/bin/time for its peak RSS; "controller CDS" gives its JVM the archive that the
     * "archive dump" run wrote (bin/runbook's own archive is trained without a fleet run).
     */
    double controller(String what) throws Exception {
        Path out = work.resolve("controller.out");
        Path err = work.resolve("controller.err");
        String cds = what.equals("archive dump") ? "-XX:ArchiveClassesAtExit=" + work.resolve("controller.jsa")
                : what.endsWith("controller CDS") ? "-XX:SharedArchiveFile=" + work.resolve("controller.jsa")
                : "-Xshare:auto";
        List<String> argv = List.of("/usr/bin/time", "-f", "maxrss %M\ncpu %U %S", "java", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", cds, "-Xlog:disable", "--enable-native-access=ALL-UNNAMED",
                "-jar", FleetScenarioBench.JAR.toString(), "run", FleetScenarioBench.RUNBOOK.toString(), "--scenario",
                FleetScenarioBench.SCENARIO, "--inventory", inventory.toString(), "--ssh-dir", fleet.sshDir().toString(),
                "--yes", "--json", "--state", work.resolve("controller-" + size).toString());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = process.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (code != 0) {
            throw new IllegalStateException("the controller exited " + code + ":\n" + Files.readString(err) + Files.readString(out));
        }
        long succeeded = Files.readAllLines(out).stream()
                .filter(l -> l.contains("\"event\":\"host_finished\"") && l.contains("\"status\":\"succeeded\"")).count();
        if (succeeded != size) {
            throw new IllegalStateException("the controller reported " + succeeded + " of " + size + " hosts succeeded:\n"
                    + Files.readString(out));
        }
        String rss = Files.readAllLines(err).stream().filter(l -> l.startsWith("maxrss ")).reduce((a, b) -> b).orElse("maxrss 0");
        peakKb.merge("controller (" + what + ")", Long.parseLong(rss.substring(7).trim()), Math::max);
        lastClientCpu = cpu(Files.readAllLines(err));
        if (what.startsWith("cached")) {
            breakdown(Files.readAllLines(out));
        }
        return ms;
    }

    /** Per host run, from the controller's events: [wave start to remote run_started, run_started to run_finished] (ms). */
    private final List<double[]> hostPhases = new ArrayList<>();
    /** Per step id, its duration on every host (ms), as the remote engine reported it. */
    private final Map<String, List<Double>> stepMs = new LinkedHashMap<>();

    private void breakdown(List<String> events) {
        java.time.Instant wave = null;
        Map<String, java.time.Instant> started = new LinkedHashMap<>();
        for (String line : events) {
            String event = text(line, "event");
            if ("wave_started".equals(event)) {
                wave = java.time.Instant.parse(text(line, "time"));
            } else if ("run_started".equals(event) && wave != null) {
                java.time.Instant at = java.time.Instant.parse(text(line, "time"));
                started.put(text(line, "host"), at);
                hostPhases.add(new double[] {java.time.Duration.between(wave, at).toNanos() / 1e6, 0});
            } else if ("run_finished".equals(event) && started.containsKey(text(line, "host"))) {
                double ms = java.time.Duration.between(started.get(text(line, "host")),
                        java.time.Instant.parse(text(line, "time"))).toNanos() / 1e6;
                hostPhases.add(new double[] {-1, ms});
            } else if ("step_finished".equals(event)) {
                java.util.regex.Matcher duration = java.util.regex.Pattern.compile("\"duration_ms\":(\\d+)").matcher(line);
                if (duration.find()) {
                    stepMs.computeIfAbsent(text(line, "step"), k -> new ArrayList<>()).add(Double.parseDouble(duration.group(1)));
                }
            }
        }
    }

    /** What the cached controller runs spent where, per host: medians over every host run. */
    void printBreakdown() {
        List<Double> start = hostPhases.stream().filter(p -> p[0] >= 0).map(p -> p[0]).toList();
        List<Double> remote = hostPhases.stream().filter(p -> p[0] < 0).map(p -> p[1]).toList();
        if (start.isEmpty() || remote.isEmpty()) {
            return;
        }
        System.out.printf("%d hosts, cached controller runs (%d host runs): wave start to the host's run_started median %.0f ms "
                        + "(max %.0f); run_started to run_finished (the steps, on the host) median %.0f ms (max %.0f)%n", size,
                start.size(), FleetScenarioBench.median(start), Collections.max(start), FleetScenarioBench.median(remote),
                Collections.max(remote));
        StringBuilder steps = new StringBuilder();
        stepMs.forEach((step, ms) -> steps.append(String.format(" %s %.0f,", step, FleetScenarioBench.median(ms))));
        System.out.printf("%d hosts, step durations on a host (median ms):%s%n", size, steps.substring(0, steps.length() - 1));
    }

    /** A string field of one JSON event line, or null (the events are flat enough for this). */
    private static String text(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        return at < 0 ? null : json.substring(at + key.length(), json.indexOf('"', at + key.length()));
    }

    /**
     * Every host at once over plain OpenSSH: the engine as the controller starts it there (its remote
     * JVM flags, the archive it dumped, the jar and runbook it cached), with the host's params.
     */
    double overSsh(TmwsHosts tmws) throws Exception {
        String jar = CACHE + TmwsHosts.sha256(FleetScenarioBench.JAR) + "/";
        String runbook = CACHE + TmwsHosts.sha256(FleetScenarioBench.RUNBOOK) + "/" + FleetScenarioBench.RUNBOOK.getFileName();
        long start = System.nanoTime();
        double[] clients = new double[fleet.hosts().size()];
        List<java.util.concurrent.Callable<Object>> tasks = new ArrayList<>();
        for (SshdHost host : fleet.hosts()) {
            int index = tasks.size();
            // As the controller starts it: the archive and the SQLite library its first run left beside the jar.
            StringBuilder command = new StringBuilder("java " + REMOTE_FLAGS + " -XX:SharedArchiveFile=" + jar + "runbook.jsa"
                    + " -Dorg.sqlite.lib.path=" + jar + " -Dorg.sqlite.lib.name=libsqlitejdbc.so -jar "
                    + jar + "runbook.jar run " + runbook + " --scenario " + FleetScenarioBench.SCENARIO + " --yes --json");
            tmws.params(host).forEach((name, value) -> command.append(" -p '").append(name).append('=').append(value).append('\''));
            tasks.add(() -> {
                List<String> argv = new ArrayList<>(List.of("/usr/bin/time", "-f", "cpu %U %S"));
                argv.addAll(fleet.ssh(host, command.toString()));
                Path out = host.folder().resolve("ssh-run.out");
                FleetScenarioBench.run(new ProcessBuilder(argv), out);
                clients[index] = cpu(Files.readAllLines(out));
                return null;
            });
        }
        FleetScenarioBench.parallel(tasks, tasks.size());
        double ms = (System.nanoTime() - start) / 1e6;
        lastClientCpu = java.util.Arrays.stream(clients).sum();
        return ms;
    }

    /** ansible-playbook, pipelining on, forks = hosts, a cold ControlMaster each run (its own control folder). */
    double ansible() throws Exception {
        int n = ansibleRuns++;
        Path controlDir = Files.createDirectories(work.resolve("ansible-cp-" + size + "-" + n));
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/time", "-f", "cpu %U %S", "ansible-playbook", "-i", inventory.toString(),
                FleetScenarioBench.PLAYBOOK.toString(), "-e", "run_id=ansible-" + size + "-" + n);
        Map<String, String> env = builder.environment();
        env.put("ANSIBLE_PIPELINING", "True");
        env.put("ANSIBLE_FORKS", Integer.toString(size));
        env.put("ANSIBLE_HOST_KEY_CHECKING", "True");
        env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", controlDir.toString());
        env.put("ANSIBLE_LOCAL_TEMP", Files.createDirectories(work.resolve("ansible-tmp")).toString());
        env.put("ANSIBLE_NOCOWS", "1");
        long start = System.nanoTime();
        FleetScenarioBench.run(builder, work.resolve("ansible.out"));
        double ms = (System.nanoTime() - start) / 1e6;
        // Untimed: its ControlMasters (ControlPersist 60s) are detached, so /usr/bin/time misses their
        // CPU: read it, then end them (else their sessions would end, and be counted, in a later run).
        double masters = 0;
        try (var sockets = Files.list(controlDir)) {
            for (Path socket : sockets.toList()) {
                Path check = work.resolve("ansible-master.out");
                new ProcessBuilder("ssh", "-S", socket.toString(), "-O", "check", "master").redirectErrorStream(true)
                        .redirectOutput(check.toFile()).start().waitFor();
                java.util.regex.Matcher pid = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(Files.readString(check));
                if (pid.find()) {
                    String stat = Files.readString(Path.of("/proc", pid.group(1), "stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    masters += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;   // utime, stime
                }
                new ProcessBuilder("ssh", "-S", socket.toString(), "-O", "exit", "master").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        }
        lastClientCpu = cpu(Files.readAllLines(work.resolve("ansible.out"))) + masters;
        return ms;
    }
}
