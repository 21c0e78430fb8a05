import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Issue 3's benchmark: N steps of `exec /bin/true` through `bin/runbook run` (journal included),
 * side by side with a bash script doing the same and, when installed, ansible-playbook with a
 * local connection and `command: /bin/true`. Reports whole-process time and per-step overhead
 * over bash. Run with bench/run-run (builds the jar first).
 */
public final class RunBench {

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench/out");
        Files.createDirectories(out);
        boolean ansible = new ProcessBuilder("sh", "-c", "command -v ansible-playbook").start().waitFor() == 0;
        for (int steps : new int[] {100, 1000}) {
            Path runbook = out.resolve("exec-" + steps + ".yaml");
            StringBuilder yaml = new StringBuilder("format: 1\nname: exec-" + steps + "\nsteps:\n");
            for (int i = 0; i < steps; i++) {
                yaml.append("  - { id: s").append(i).append(", action: exec, with: { cmd: [/bin/true] } }\n");
            }
            Files.writeString(runbook, yaml);
            Path script = out.resolve("exec-" + steps + ".sh");
            Files.writeString(script, "#!/bin/bash\nset -e\n" + "/bin/true\n".repeat(steps));
            Path playbook = out.resolve("exec-" + steps + ".yml");
            StringBuilder play = new StringBuilder("- hosts: localhost\n  connection: local\n  gather_facts: false\n"
                    + "  tasks:\n");
            for (int i = 0; i < steps; i++) {
                play.append("    - command: /bin/true\n");
            }
            Files.writeString(playbook, play);
            Path state = out.resolve("state-" + steps);
            int runs = steps == 100 ? 5 : 3;
            double bash = median(time(List.of("bash", script.toString()), runs));
            double runbookMs = median(time(List.of("bin/runbook", "run", runbook.toString(), "--state", state.toString()),
                    runs));
            System.out.printf("%,d steps: bash %.0f ms (%.2f ms/step); runbook run %.0f ms (%.2f ms/step, overhead over "
                    + "bash %.2f ms/step)%n", steps, bash, bash / steps, runbookMs, runbookMs / steps,
                    (runbookMs - bash) / steps);
            if (ansible && steps == 100) {
                double playMs = median(time(List.of("ansible-playbook", "-i", "localhost,", playbook.toString()), 1));
                System.out.printf("%,d steps: ansible-playbook %.0f ms (%.1f ms/step): runbook is %.0f times faster per "
                        + "step%n", steps, playMs, playMs / steps, (playMs / steps) / (runbookMs / steps));
            }
        }
    }

    private static List<Double> time(List<String> command, int runs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
            }
            if (i > 0) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return times;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
