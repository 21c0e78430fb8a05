import dev.runbook.support.SshdFleet;
import dev.runbook.support.SshdHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 18's benchmark: one runbook of 20 `exec /bin/true` steps on 10 and 30 hosts (real sshd on
 * loopback ports, support/SshdFleet), against ansible-playbook doing the same 20 tasks on the same
 * hosts (pipelining on, forks = hosts, a cold ControlMaster each run), interleaved in rounds.
 *
 * <p>Per fleet size, the kinds of run, each timed as wall time for all hosts:
 * <ul>
 * <li>ansible-playbook;</li>
 * <li>runbook over plain OpenSSH: every host at once runs the cached jar ({@code ssh host java ... -jar
 * runbook.jar run}), with three sets of remote JVM flags: none; C1 only + serial GC (as bin/runbook);
 * those plus an AppCDS archive dumped on the host once per version. This is the floor under any
 * controller that starts this engine on each host: N JVM starts on a 2-core machine;</li>
 * <li>the fleet controller itself ({@code bin/runbook run --inventory}), when the build has it
 * (FLEET_CMD, see bench/run-fleet).</li>
 * </ul>
 * Then per-host overhead on one idle host: connect + exec of `true`, upload of the jar (scp, not
 * cached), the check that finds it cached, and a remote JVM start (`--version`).
 * Run with bench/run-fleet [ROUNDS] [SIZES...]. Figures go in docs/PERFORMANCE.md.
 */
public final class FleetBench {

    private static final int STEPS = 20;
    /** The build under test: target/runbook.jar, or -Dfleet.jar=PATH (a copy, while a build runs). */
    static final Path JAR = Path.of(System.getProperty("fleet.jar", "target/runbook.jar")).toAbsolutePath();
    private static final String FAST = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10, 30);
        }
        Path work = Files.createTempDirectory("fleet-bench");
        writeRunbooks(work);
        System.out.printf("jar %s, %.1f MB; %d cores; load %.1f%n", JAR, Files.size(JAR) / 1e6,
                Runtime.getRuntime().availableProcessors(), load());
        for (int size : sizes) {
            try (SshdFleet fleet = SshdFleet.start(work.resolve("fleet-" + size), size)) {
                bench(work, fleet, size, rounds);
            }
        }
        FleetRuns.deleteAll(work);
    }

    private static void bench(Path work, SshdFleet fleet, int size, int rounds) throws Exception {
        Path inventory = fleet.writeAnsibleInventory(work.resolve("inventory-" + size + ".yaml"),
                "    ansible_python_interpreter: /usr/bin/python3\n"
                        + "    ansible_ssh_private_key_file: " + fleet.identity() + "\n"
                        + "    ansible_ssh_common_args: -F /dev/null -o UserKnownHostsFile=" + fleet.knownHosts() + "\n");
        FleetRuns runs = new FleetRuns(work, fleet, inventory, size);
        overhead(runs, fleet);
        runs.install();   // jar + CDS archive cached on every host, as a second fleet run finds them
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> line = new ArrayList<>();
            for (Map.Entry<String, FleetRuns.Kind> kind : runs.kinds().entrySet()) {
                double ms = kind.getValue().run();
                times.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(ms);
                line.add(String.format("%s %.0f", kind.getKey(), ms));
            }
            System.out.printf("%d hosts, round %d (load %.1f): %s ms%n", size, round, load(), String.join(", ", line));
        }
        double ansible = median(times.get("ansible-playbook"));
        for (Map.Entry<String, List<Double>> kind : times.entrySet()) {
            double ms = median(kind.getValue());
            System.out.printf("%d hosts, %-40s median %6.0f ms (%5.0f ms a host), %.1fx ansible%n", size, kind.getKey(), ms,
                    ms / size, ansible / ms);
        }
        runs.memory().forEach((what, kb) -> System.out.printf("%d hosts, %s: peak RSS %.0f MB (%.1f MB a host)%n", size,
                what, kb / 1024.0, kb / 1024.0 / size));
        runs.startLatency().forEach((what, ms) -> System.out.printf("%d hosts, controller %s: wave start to a host's remote "
                + "run_started, median %.0f ms, max %.0f ms (%d host runs)%n", size, what, median(ms),
                Collections.max(ms), ms.size()));
    }

    /** One idle host, sequentially: what a host costs besides running its steps. */
    private static void overhead(FleetRuns runs, SshdFleet fleet) throws Exception {
        SshdHost host = fleet.host(1);
        List<Double> connect = new ArrayList<>();
        List<Double> upload = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        List<Double> start = new ArrayList<>();
        List<Double> startFast = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            connect.add(runs.time(fleet.ssh(host, "true")));
            upload.add(runs.upload(host));
            cached.add(runs.time(fleet.ssh(host, "test -f .cache/runbook-bench/runbook.jar")));
            start.add(runs.time(fleet.ssh(host, "java -jar .cache/runbook-bench/runbook.jar --version")));
            startFast.add(runs.time(fleet.ssh(host, "java " + FAST + " -jar .cache/runbook-bench/runbook.jar --version")));
        }
        System.out.printf("per host (one host, idle fleet, medians of 5): ssh connect + exec true %.0f ms; upload of the "
                        + "jar (scp, not cached) %.0f ms; cached check %.0f ms; remote JVM start (--version) %.0f ms, with "
                        + "%s %.0f ms%n", median(connect), median(upload), median(cached), median(start), FAST,
                median(startFast));
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

    private static void writeRunbooks(Path work) throws Exception {
        StringBuilder yaml = new StringBuilder("format: 1\nname: fleet-bench\nsteps:\n");
        StringBuilder play = new StringBuilder("- hosts: fleet\n  gather_facts: false\n  tasks:\n");
        for (int i = 0; i < STEPS; i++) {
            yaml.append("  - { id: s").append(i).append(", action: exec, with: { cmd: [/bin/true] } }\n");
            play.append("    - command: /bin/true\n");
        }
        Files.writeString(work.resolve("steps.yaml"), yaml);
        Files.writeString(work.resolve("steps.yml"), play);
    }

    /** Runs every task at once, one thread each, and returns when all ended. */
    static void parallel(List<java.util.concurrent.Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            for (Future<Object> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}

/** The kinds of fleet run the bench times, on one fleet of real sshd servers. */
final class FleetRuns {

    /** One timed run over the whole fleet, in milliseconds. */
    interface Kind {
        double run() throws Exception;
    }

    private static final String CACHE = ".cache/runbook-bench";
    private static final String FAST = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData";
    /** As the controller starts the engine on a host: its flags, the archive and the SQLite library beside the jar. */
    private static final String CDS = FAST + " -XX:CompileThresholdScaling=2 -XX:SharedArchiveFile=" + CACHE + "/runbook.jsa -Xlog:cds=off"
            + " -Dorg.sqlite.lib.path=" + CACHE + " -Dorg.sqlite.lib.name=libsqlitejdbc.so";

    private final Path work;
    private final SshdFleet fleet;
    private final Path inventory;
    private final int size;
    private final Map<String, Long> peakKb = new LinkedHashMap<>();
    private int ansibleRuns;

    FleetRuns(Path work, SshdFleet fleet, Path inventory, int size) {
        this.work = work;
        this.fleet = fleet;
        this.inventory = inventory;
        this.size = size;
    }

    Map<String, Kind> kinds() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("ansible-playbook", this::ansible);
        kinds.put("the controller, java -jar, no archive of its own", () -> controller("cached"));
        kinds.put("bin/runbook run --inventory (as a user starts it)", () -> controller("cached, bin/runbook"));
        kinds.put("ssh + runbook run, plain JVM", () -> overSsh(""));
        kinds.put("ssh + runbook run, C1 + serial GC", () -> overSsh(FAST));
        kinds.put("ssh + runbook run, C1 + serial GC + AppCDS + SQLite library", () -> overSsh(CDS));
        return kinds;
    }

    Map<String, Long> memory() {
        return peakKb;
    }

    /** Per host, from the controller's own events: wave_started to the host's run_started (ms). */
    private final Map<String, List<Double>> startLatency = new LinkedHashMap<>();

    Map<String, List<Double>> startLatency() {
        return startLatency;
    }

    /**
     * bin/runbook run --inventory, under /usr/bin/time for its peak RSS; from its --json events, each
     * host's time from its wave's start to its remote run's first event (connect, Java probe, upload
     * when not cached, remote JVM start).
     */
    double controller(String what) throws Exception {
        Path out = work.resolve("controller.out");
        Path err = work.resolve("controller.err");
        // bin/runbook as a user starts it (its flags, its class-data archive and SQLite library); or the jar
        // with bin/runbook's flags and neither.
        String cds = "-Xshare:auto";
        List<String> launcher = what.endsWith("bin/runbook") ? List.of(Path.of("bin/runbook").toAbsolutePath().toString())
                : List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", cds, "-Xlog:disable",
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR().toString());
        List<String> argv = new ArrayList<>(List.of("/usr/bin/time", "-f", "maxrss %M"));
        argv.addAll(launcher);
        argv.addAll(List.of("run", work.resolve("steps.yaml").toString(), "--inventory", inventory.toString(), "--ssh-dir",
                fleet.sshDir().toString(), "--yes", "--json", "--state", work.resolve("controller-" + size).toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = process.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (code != 0) {
            throw new IllegalStateException("the controller exited " + code + ":\n" + Files.readString(err)
                    + Files.readString(out));
        }
        String rss = Files.readAllLines(err).stream().filter(l -> l.startsWith("maxrss ")).reduce((a, b) -> b).orElse("maxrss 0");
        peakKb.merge("controller (" + what + ")", Long.parseLong(rss.substring(7).trim()), Math::max);
        java.time.Instant waveStart = null;
        for (String line : Files.readAllLines(out)) {
            if (line.contains("\"event\":\"wave_started\"")) {
                waveStart = java.time.Instant.parse(field(line, "time"));
            } else if (line.contains("\"event\":\"run_started\"") && waveStart != null) {
                double latency = java.time.Duration.between(waveStart, java.time.Instant.parse(field(line, "time"))).toNanos() / 1e6;
                startLatency.computeIfAbsent(what, k -> new ArrayList<>()).add(latency);
            }
        }
        return ms;
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }

    /** The jar and the steps on every host, and an AppCDS archive dumped there from a first run. */
    void install() throws Exception {
        List<java.util.concurrent.Callable<Object>> tasks = new ArrayList<>();
        for (SshdHost host : fleet.hosts()) {
            tasks.add(() -> {
                Path cache = Files.createDirectories(host.home().resolve(CACHE));
                Files.copy(JAR(), cache.resolve("runbook.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(work.resolve("steps.yaml"), host.home().resolve("steps.yaml"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return time(fleet.ssh(host, "java " + FAST + " -XX:ArchiveClassesAtExit=" + CACHE + "/runbook.jsa -jar "
                        + CACHE + "/runbook.jar run steps.yaml >/dev/null 2>&1 && java -cp " + CACHE
                        + "/runbook.jar dev.runbook.journal.SqliteNativeLibrary " + CACHE));
            });
        }
        FleetBench.parallel(tasks);
        // The controller's first run uploads the jar and runbook to every host (not cached).
        System.out.printf("%d hosts, first controller run (jar uploaded to every host): %.0f ms%n", size,
                controller("not cached"));
        // bin/runbook's first command after a build trains its class archive (untimed).
        controller("first, bin/runbook");
    }

    double upload(SshdHost host) throws Exception {
        time(fleet.ssh(host, "rm -rf " + CACHE + " && mkdir -p " + CACHE));
        return time(List.of("scp", "-q", "-F", "/dev/null", "-i", fleet.identity().toString(), "-o",
                "UserKnownHostsFile=" + fleet.knownHosts(), "-P", Integer.toString(host.port()), JAR().toString(),
                host.user() + "@" + host.address() + ":" + CACHE + "/runbook.jar"));
    }

    private double ansible() throws Exception {
        Path controlDir = Files.createDirectories(work.resolve("ansible-cp-" + size + "-" + ansibleRuns++));
        ProcessBuilder builder = new ProcessBuilder("ansible-playbook", "-i", inventory.toString(),
                work.resolve("steps.yml").toString());
        Map<String, String> env = builder.environment();
        env.put("ANSIBLE_PIPELINING", "True");
        env.put("ANSIBLE_FORKS", Integer.toString(size));
        env.put("ANSIBLE_HOST_KEY_CHECKING", "True");
        env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", controlDir.toString());   // a cold start each run
        env.put("ANSIBLE_LOCAL_TEMP", Files.createDirectories(work.resolve("ansible-tmp")).toString());
        env.put("ANSIBLE_NOCOWS", "1");
        return time(builder);
    }

    private double overSsh(String flags) throws Exception {
        long start = System.nanoTime();
        List<java.util.concurrent.Callable<Object>> tasks = new ArrayList<>();
        for (SshdHost host : fleet.hosts()) {
            tasks.add(() -> time(fleet.ssh(host, "java " + flags + " -jar " + CACHE + "/runbook.jar run steps.yaml")));
        }
        FleetBench.parallel(tasks);
        return (System.nanoTime() - start) / 1e6;
    }

    double time(List<String> command) throws Exception {
        return time(new ProcessBuilder(command));
    }

    private static double time(ProcessBuilder builder) throws Exception {
        long start = System.nanoTime();
        Path output = Files.createTempFile("fleet-bench", ".out");
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int code = process.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        String text = Files.readString(output);
        Files.delete(output);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " exited " + code + ":\n" + text);
        }
        return ms;
    }

    private static Path JAR() {
        return FleetBench.JAR;
    }

    static void deleteAll(Path root) throws Exception {
        try (var all = Files.walk(root)) {
            for (Path p : all.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
