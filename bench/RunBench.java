import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Issue 3's benchmark: N steps of `exec /bin/true` through `bin/runbook run` (journal included),
 * side by side with a bash script doing the same and, when installed, ansible-playbook with a
 * local connection and `command: /bin/true`. Run with bench/run-run (builds the jar first).
 *
 * <p>The machine is shared, so the four kinds of run (bash and runbook, 100 and 1,000 steps) are
 * interleaved in rounds and every figure is a median over the rounds. The per-step overhead over
 * bash is the slope: (1,000 steps minus 100 steps) / 900 for runbook, minus the same for bash, in
 * the same round; it leaves out the JVM's start and what a run does once. Whole-process times are
 * printed too. Usage: bench/run-run [ROUNDS] (default 7).
 */
public final class RunBench {

    private static final int SMALL = 100;
    private static final int LARGE = 1000;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path out = Path.of("bench/out");
        Files.createDirectories(out);
        boolean ansible = new ProcessBuilder("sh", "-c", "command -v ansible-playbook").start().waitFor() == 0;
        for (int steps : new int[] {SMALL, LARGE}) {
            write(out, steps);
        }
        double loadBefore = load();
        List<double[]> bash = new ArrayList<>();
        List<double[]> runbook = new ArrayList<>();
        time(runbook(out, SMALL)); // the first run after a build trains the launcher's class-data archive
        for (int round = 0; round < rounds; round++) {
            double bashSmall = time(List.of("bash", out.resolve("exec-" + SMALL + ".sh").toString()));
            double runbookSmall = time(runbook(out, SMALL));
            double bashLarge = time(List.of("bash", out.resolve("exec-" + LARGE + ".sh").toString()));
            double runbookLarge = time(runbook(out, LARGE));
            bash.add(new double[] {bashSmall, bashLarge});
            runbook.add(new double[] {runbookSmall, runbookLarge});
            System.out.printf("round %d: bash %.0f / %.0f ms, runbook run %.0f / %.0f ms (%,d / %,d steps); slope over "
                    + "bash %.2f ms a step%n", round + 1, bashSmall, bashLarge, runbookSmall, runbookLarge, SMALL, LARGE,
                    slope(runbookSmall, runbookLarge) - slope(bashSmall, bashLarge));
        }
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            overhead.add(slope(runbook.get(i)[0], runbook.get(i)[1]) - slope(bash.get(i)[0], bash.get(i)[1]));
        }
        System.out.printf("load average %.2f before, %.2f after (2 cores)%n", loadBefore, load());
        for (int k = 0; k < 2; k++) {
            int steps = k == 0 ? SMALL : LARGE;
            double b = median(column(bash, k));
            double r = median(column(runbook, k));
            System.out.printf("%,5d steps: bash %.0f ms (%.2f ms a step); runbook run %.0f ms (%.2f ms a step, whole "
                    + "process %.2f ms a step over bash)%n", steps, b, b / steps, r, r / steps, (r - b) / steps);
        }
        System.out.printf("per-step overhead over bash (slope, median of %d rounds): %.2f ms (rounds: %s)%n", rounds,
                median(overhead), overhead.stream().map(v -> String.format("%.2f", v)).toList());
        if (ansible) {
            double playMs = time(List.of("ansible-playbook", "-i", "localhost,",
                    out.resolve("exec-" + SMALL + ".yml").toString()));
            double runbookPerStep = median(column(runbook, 1)) / LARGE;
            System.out.printf("%,d steps: ansible-playbook %.0f ms (%.1f ms a step): runbook is %.0f times faster per "
                    + "step at %,d steps, %.0f times by slope%n", SMALL, playMs, playMs / SMALL,
                    (playMs / SMALL) / runbookPerStep, LARGE,
                    (playMs / SMALL) / (median(overhead) + median(column(bash, 1)) / LARGE));
        }
    }

    private static void write(Path out, int steps) throws Exception {
        StringBuilder yaml = new StringBuilder("format: 1\nname: exec-" + steps + "\nsteps:\n");
        StringBuilder play = new StringBuilder("- hosts: localhost\n  connection: local\n  gather_facts: false\n"
                + "  tasks:\n");
        for (int i = 0; i < steps; i++) {
            yaml.append("  - { id: s").append(i).append(", action: exec, with: { cmd: [/bin/true] } }\n");
            play.append("    - command: /bin/true\n");
        }
        Files.writeString(out.resolve("exec-" + steps + ".yaml"), yaml);
        Files.writeString(out.resolve("exec-" + steps + ".sh"), "#!/bin/bash\nset -e\n" + "/bin/true\n".repeat(steps));
        Files.writeString(out.resolve("exec-" + steps + ".yml"), play);
    }

    private static List<String> runbook(Path out, int steps) {
        return List.of("bin/runbook", "run", out.resolve("exec-" + steps + ".yaml").toString(), "--state",
                out.resolve("state-" + steps).toString());
    }

    private static double slope(double small, double large) {
        return (large - small) / (LARGE - SMALL);
    }

    private static double time(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static List<Double> column(List<double[]> rows, int k) {
        List<Double> values = new ArrayList<>();
        rows.forEach(row -> values.add(row[k]));
        return values;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
