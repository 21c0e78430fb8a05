import dev.runbook.process.CommandResult;
import dev.runbook.process.CommandRunner;
import dev.runbook.process.CommandSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * exec's cost per step: 1,000 runs of /bin/true through CommandRunner against a bash loop doing
 * the same, with and without a log file per run, under the default and the VFORK launch mechanism;
 * then how long a timed-out tree takes to end.
 * Run with bench/run-exec (builds the jar first). Target: overhead over bash <= 2 ms per step.
 */
public final class ExecBench {

    private static final int RUNS = 1000;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--measure")) {
            measure();
            return;
        }
        double bash = bashLoop("/bin/true");
        Path logs = Files.createTempDirectory("exec-bench-bash");
        double bashLogged = bashLoop("/bin/true >" + logs + "/step-ROUND-$i.log 2>&1"); // new files each round
        deleteAll(logs);
        System.out.printf("bash loop, /bin/true: %.3f ms per run (median of %d loops of %d)%n", bash, ROUNDS, RUNS);
        System.out.printf("bash loop, /bin/true >step-N.log 2>&1 (a new file each): %.3f ms per run%n", bashLogged);
        // FORK is left out: it copies the JVM's page tables per spawn (~15 ms per run here).
        for (String mechanism : List.of("", "VFORK")) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")); // as bin/runbook runs
            if (!mechanism.isEmpty()) {
                command.add("-Djdk.lang.Process.launchMechanism=" + mechanism);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "bench/ExecBench.java", "--measure"));
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            for (String line : new String(child.getInputStream().readAllBytes()).split("\n")) {
                String[] f = line.split("\t");
                double perRun = Double.parseDouble(f[1]);
                double baseline = f[0].contains("log") ? bashLogged : bash;
                System.out.printf("%-12s %-34s %.3f ms per run, %+.3f ms over the same in bash%n",
                        mechanism.isEmpty() ? "POSIX_SPAWN" : mechanism, f[0], perRun, perRun - baseline);
            }
            child.waitFor();
        }
        treeKill();
    }

    /** In a child JVM, so each launch mechanism (read once per JVM) is measured separately. */
    private static void measure() throws Exception {
        CommandRunner runner = new CommandRunner();
        Path logs = Files.createTempDirectory("exec-bench");
        File devNull = new File("/dev/null");
        CommandSpec plain = CommandSpec.argv("/bin/true");
        int[] counter = {0};
        report("CommandRunner", () -> check(runner.run(plain)));
        report("CommandRunner, log file per run", () ->
                check(runner.run(plain.withLog(logs.resolve("step-" + counter[0]++ + ".log")))));
        report("ProcessBuilder alone", () -> {
            Process p = new ProcessBuilder("/bin/true").redirectInput(devNull).start();
            p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            p.waitFor();
        });
        deleteAll(logs);
    }

    private static void deleteAll(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void report(String what, Body body) throws Exception {
        for (int i = 0; i < 500; i++) {
            body.run();
        }
        List<Double> perRun = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                body.run();
            }
            perRun.add((System.nanoTime() - start) / 1e6 / RUNS);
        }
        System.out.println(what + "\t" + median(perRun));
    }

    private static void check(CommandResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("/bin/true failed: exit " + result.exitCode());
        }
    }

    private static double bashLoop(String body) throws Exception {
        List<Double> perRun = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            Process bash = new ProcessBuilder("bash", "-c", "for i in $(seq " + RUNS + "); do "
                    + body.replace("ROUND", Integer.toString(round)) + "; done").start();
            if (bash.waitFor() != 0) {
                throw new IllegalStateException("bash loop failed");
            }
            perRun.add((System.nanoTime() - start) / 1e6 / RUNS);
        }
        return median(perRun);
    }

    /** `sh -c 'sleep 60 & sleep 60'` with a 1 s timeout: how long after the timeout the step returns. */
    private static void treeKill() throws Exception {
        CommandRunner runner = new CommandRunner();
        for (String line : List.of("sleep 60 & sleep 60", "trap '' TERM; sleep 60 & sleep 60")) {
            List<Double> late = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                CommandResult result = runner.run(CommandSpec.shell(line).withTimeout(Duration.ofSeconds(1))
                        .withGrace(Duration.ofMillis(500)));
                late.add(result.duration().toNanos() / 1e6 - 1000);
            }
            System.out.printf("timeout 1 s, grace 0.5 s, sh -c '%s': returned %.0f ms after the timeout "
                    + "(median of 5, max %.0f)%n", line, median(late), Collections.max(late));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
