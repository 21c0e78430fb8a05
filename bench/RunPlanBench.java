import dev.runbook.cli.Main;
import dev.runbook.files.BackupWriter;
import dev.runbook.files.Durable;
import dev.runbook.files.Selection;
import dev.runbook.saved.CheckingGuard;
import dev.runbook.saved.PlanFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What saved plans cost on a 500 MB, 5,000-file restore: the runbook verifies a backup (every
 * checksum) and restores it over a target whose every file differs. Measured in-process through
 * the command line's own entry (Main.execute), so JVM start is not counted: the dry run alone
 * against the dry run saving its plan (the fingerprint: a stat of every file of the backup and the
 * target, the checksum list's sha256), and a plain run against runbook apply of the saved plan (the
 * same run, plus the fingerprint checked before the first step and again before each step). The
 * check alone (CheckingGuard.all) is timed too. Run with bench/run-plan [ROUNDS] (default 3).
 */
public final class RunPlanBench {

    private static final int FILES = 5000;
    private static final long TOTAL = 500L * 1000 * 1000;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path out = Path.of("bench/out/plan").toAbsolutePath();
        Durable.deleteTree(out);
        Path src = out.resolve("app/src");
        long bytes = generate(src, 42);
        BackupWriter.write(out.resolve("app"), Selection.of(out.resolve("app"), List.of("src"), List.of()),
                out.resolve("backups"), "b", Map.of());
        Path runbook = out.resolve("restore.yaml");
        Files.writeString(runbook, """
                format: 1
                name: bench-restore
                params:
                  app: { type: path }
                  backup: { type: path }
                steps:
                  - id: verify
                    action: backup.verify
                    with: { dir: "{{ params.backup }}" }
                  - id: restore
                    needs: [verify]
                    action: backup.restore
                    with: { from: "{{ params.backup }}", to: "{{ params.app }}", keep_current_as: "{{ params.app }}/../aside" }
                """);
        System.out.printf("tree: %d files, %.0f MB; %d rounds%n", FILES, bytes / 1e6, rounds);
        List<String> common = List.of(runbook.toString(), "-p", "app=" + out.resolve("app"), "-p", "backup="
                + out.resolve("backups/b"), "--state", out.resolve("state").toString());
        List<double[]> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            breakTarget(src, round);
            double dry = time(common, "run", "--dry-run");
            Path plan = out.resolve("restore.plan");
            double save = time(common, "run", "--dry-run", "--save-plan", plan.toString());
            // The apply checks everything once before the first step, then each step's own prints right
            // before it (here: the backup, then the backup and the target again): about two full checks.
            double check = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                List<String> drift = new CheckingGuard(PlanFile.read(plan).plan().prints(),
                        Path.of("").toAbsolutePath()).all();
                check = Math.min(check, secs(t0));
                if (!drift.isEmpty()) {
                    throw new IllegalStateException("drift in the bench: " + drift);
                }
            }
            double apply = timeApply(plan, out);
            Durable.deleteTree(out.resolve("aside"));
            breakTarget(src, round);
            double run = time(common, "run", "--yes");
            Durable.deleteTree(out.resolve("aside"));
            System.out.printf("round %d: dry run %.2f s, dry run + save plan %.2f s (+%.0f %%); run %.2f s, apply "
                    + "%.2f s (+%.1f %%); one full check %.3f s (best of 3)%n", round, dry, save, 100 * (save - dry) / dry, run,
                    apply, 100 * (apply - run) / run, check);
            rows.add(new double[] {dry, save, run, apply, check});
        }
        double[] median = new double[5];
        for (int i = 0; i < 5; i++) {
            final int column = i;
            median[i] = rows.stream().mapToDouble(r -> r[column]).sorted().skip(rows.size() / 2).findFirst().orElse(0);
        }
        System.out.printf("median: dry run %.2f s, with save %.2f s; run %.2f s, apply %.2f s; check %.3f s%n",
                median[0], median[1], median[2], median[3], median[4]);
        Durable.deleteTree(out);
    }

    private static double time(List<String> common, String... verb) {
        List<String> args = new ArrayList<>(List.of(verb[0]));
        args.addAll(common);
        args.addAll(List.of(verb).subList(1, verb.length));
        return timed(args);
    }

    private static double timeApply(Path plan, Path out) {
        return timed(List.of("apply", plan.toString(), "--yes", "--state", out.resolve("state").toString()));
    }

    private static double timed(List<String> args) {
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        long cpu0 = cpu();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
        double seconds = secs(t0);
        System.out.printf("  %-8s %6.2f s wall, %6.2f s CPU of this process%n", args.get(0) + (args.contains("--dry-run")
                ? (args.contains("--save-plan") ? "+save" : "-n") : ""), seconds, (cpu() - cpu0) / 1e9);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + code + ":\n" + err);
        }
        return seconds;
    }

    /** Every file of the target rewritten with other bytes (an upgrade that touched them all). */
    private static void breakTarget(Path src, int round) throws IOException {
        Durable.deleteTree(src);
        generate(src, 1000 + round);
    }

    private static long generate(Path src, long seed) throws IOException {
        Random sizing = new Random(42);
        Random random = new Random(seed);
        long[] sizes = new long[FILES];
        long sum = 0;
        for (int i = 0; i < FILES; i++) {
            double pick = sizing.nextDouble();
            sizes[i] = pick < 0.80 ? 1 + sizing.nextInt(16 * 1024) : pick < 0.98 ? 16 * 1024 + sizing.nextInt(256 * 1024)
                    : 1024 * 1024 + sizing.nextInt(8 * 1024 * 1024);
            sum += sizes[i];
        }
        double scale = (double) TOTAL / sum;
        long total = 0;
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < FILES; i++) {
            long size = Math.max(1, (long) (sizes[i] * scale));
            Path file = src.resolve("d" + (i % 50)).resolve("s" + (i % 7)).resolve("f" + i + ".bin");
            Files.createDirectories(file.getParent());
            try (var stream = Files.newOutputStream(file)) {
                for (long left = size; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    stream.write(chunk, 0, (int) Math.min(left, chunk.length));
                }
            }
            total += size;
        }
        return total;
    }

    /** CPU time of this JVM, every thread: less disturbed than wall time by other work on the machine. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
