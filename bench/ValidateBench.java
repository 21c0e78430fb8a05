import dev.runbook.action.ActionRegistry;
import dev.runbook.parse.RunbookSource;
import dev.runbook.plan.PlanRequest;
import dev.runbook.plan.Planner;
import dev.runbook.validate.CheckedRunbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Parse + validate + plan of generated runbooks (10,000 and 20 steps): the in-process median, and
 * the whole `bin/runbook validate` process. Run with bench/run-validate (builds the jar first).
 * Targets (issue 2): 10,000 steps < 500 ms in-process and < 1.5 s whole process; 20 steps < 350 ms.
 */
public final class ValidateBench {

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench/out");
        Files.createDirectories(out);
        Path big = out.resolve("steps-10000.yaml");
        Path small = out.resolve("steps-20.yaml");
        Files.writeString(big, generate(10_000));
        Files.writeString(small, generate(20));
        System.out.printf("generated %s (%d KB) and %s%n", big, Files.size(big) / 1024, small);

        String text = Files.readString(big);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            CheckedRunbook checked = CheckedRunbook.of(new RunbookSource(big.toString(), text), ActionRegistry.builtIn());
            if (!checked.ok()) {
                throw new IllegalStateException("generated runbook is invalid: " + checked.problems().get(0).render());
            }
            new Planner(checked.runbook().get(), checked.graph().get(), ActionRegistry.builtIn())
                    .plan(PlanRequest.all(), Map.of());
            times.add((System.nanoTime() - start) / 1e6);
        }
        List<Double> measured = new ArrayList<>(times.subList(5, times.size()));
        System.out.printf("in-process parse+validate+plan, 10,000 steps: first %.0f ms, median %.0f ms, min %.0f ms "
                + "(%d runs after 5 warm-up)%n", times.get(0), median(measured), Collections.min(measured), measured.size());

        List<Double> raw = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            org.snakeyaml.engine.v2.api.LoadSettings settings = org.snakeyaml.engine.v2.api.LoadSettings.builder()
                    .setCodePointLimit(64 << 20).build();
            org.snakeyaml.engine.v2.parser.ParserImpl parser = new org.snakeyaml.engine.v2.parser.ParserImpl(settings,
                    new org.snakeyaml.engine.v2.scanner.StreamReader(settings, text));
            while (parser.hasNext()) {
                parser.next();
            }
            raw.add((System.nanoTime() - start) / 1e6);
        }
        System.out.printf("floor: snakeyaml-engine's event stream alone, 10,000 steps: first %.0f ms, median %.0f ms%n",
                raw.get(0), median(raw.subList(3, raw.size())));

        report("bin/runbook validate, 10,000 steps", List.of("bin/runbook", "validate", big.toString()), 10);
        report("bin/runbook validate, 20 steps", List.of("bin/runbook", "validate", small.toString()), 20);
        report("bin/runbook plan, 20 steps", List.of("bin/runbook", "plan", small.toString()), 10);
    }

    private static void report(String what, List<String> command, int runs) throws Exception {
        run(command);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(run(command));
        }
        System.out.printf("%s: median %.0f ms, min %.0f ms (%d runs)%n", what, median(times), Collections.min(times), runs);
    }

    private static double run(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Steps of mixed actions; each needs one to three earlier steps and reads their outputs. */
    static String generate(int steps) {
        Random random = new Random(42);
        StringBuilder yaml = new StringBuilder("""
                format: 1
                name: generated
                title: Generated benchmark runbook
                params:
                  app_dir: { type: path, default: /srv/app }
                  backup_dir: { type: path, default: "{{ params.app_dir }}/backups" }
                  token: { type: string, secret: true, default: s3cret }
                vars:
                  db: "{{ params.app_dir }}/data/app.db"
                scenarios:
                  tail: { steps: [s%d] }
                steps:
                """.formatted(steps - 1));
        for (int i = 0; i < steps; i++) {
            yaml.append("  - id: s").append(i).append('\n');
            yaml.append("    title: Step ").append(i).append('\n');
            List<Integer> needs = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); n > 0 && i > 0; n--) {
                int dep = Math.max(0, i - 1 - random.nextInt(Math.min(i, 20)));
                if (!needs.contains(dep)) {
                    needs.add(dep);
                }
            }
            yaml.append("    needs: [").append(String.join(", ", needs.stream().map(d -> "s" + d).toList())).append("]\n");
            switch (i % 4) {
                case 0 -> yaml.append("""
                            action: exec
                            with: { cmd: [echo, "{{ params.app_dir }}", "%s"], env: { TOKEN: "{{ params.token }}" } }
                            timeout: 30s
                        """.formatted(needs.isEmpty() ? "start" : "{{ steps['s" + needs.get(0) + "'].status }}"));
                case 1 -> yaml.append("""
                            action: sqlite.integrity
                            with: { db: "{{ vars.db }}", mode: quick }
                        """);
                case 2 -> yaml.append("""
                            action: file.restore
                            with: { from: "{{ params.backup_dir }}/f%d", to: "{{ params.app_dir }}/f%d" }
                            verify:
                              - sqlite.query: { db: "{{ vars.db }}", sql: "SELECT 1", expect_rows: 1 }
                            retry: { attempts: 2, delay: 1s }
                        """.formatted(i, i));
                default -> yaml.append("""
                            action: http.check
                            with: { url: "http://127.0.0.1:8001/health", deadline: 5s }
                            when: "{{ steps['s%d'].status == 'ok' }}"
                        """.formatted(needs.isEmpty() ? i - 1 : needs.get(0)));
            }
        }
        return yaml.toString();
    }
}
