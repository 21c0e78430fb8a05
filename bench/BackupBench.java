import dev.runbook.files.BackupChecker;
import dev.runbook.files.BackupSource;
import dev.runbook.files.BackupWriter;
import dev.runbook.files.Durable;
import dev.runbook.files.EntryNames;
import dev.runbook.files.Manifest;
import dev.runbook.files.RestorePlanner;
import dev.runbook.files.RestoreUnit;
import dev.runbook.files.Restorer;
import dev.runbook.files.Selection;
import dev.runbook.files.UnitPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * backup.create + backup.verify + backup.restore (the same code the actions run, called in-process
 * so JVM start is not counted) beside coreutils doing the same work: cp -a + sync for the copies,
 * sha256sum with xargs -P2 for the checksums. Warm cache (files just written or read) and cold
 * cache (page cache dropped before each measured step; needs root). Run with bench/run-backup
 * [warm|cold ...] (the rounds to run; default warm, cold, warm, cold).
 */
public final class BackupBench {

    private static final int FILES = 5000;
    private static final long TOTAL = 500L * 1000 * 1000;

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench/out/backup");
        Durable.deleteTree(out);
        Path src = out.resolve("src");
        long bytes = generate(src);
        System.out.printf("tree: %d files, %.0f MB%n", FILES, bytes / 1e6);
        boolean canDrop = dropCaches();
        List<String> rounds = args.length > 0 ? List.of(args) : canDrop ? List.of("warm", "cold", "warm", "cold")
                : List.of("warm", "warm");
        for (String cache : rounds) {
            boolean cold = cache.equals("cold");
            round(out, src, bytes, cold);
        }
        if (!canDrop) {
            System.out.println("cold cache not measured: cannot write /proc/sys/vm/drop_caches here");
        }
        Durable.deleteTree(out);
    }

    private static void round(Path out, Path src, long bytes, boolean cold) throws Exception {
        Path runbook = out.resolve("runbook");
        Path coreutils = out.resolve("coreutils");
        Durable.deleteTree(runbook);
        Durable.deleteTree(coreutils);
        Files.createDirectories(runbook);
        Files.createDirectories(coreutils);
        String label = cold ? "cold" : "warm";

        prepare(cold);
        long t0 = System.nanoTime();
        Selection selection = Selection.of(src.getParent(), List.of("src"), List.of());
        BackupWriter.write(src.getParent(), selection, runbook.resolve("backups"), "b", Map.of());
        double create = secs(t0);
        prepare(cold);
        t0 = System.nanoTime();
        sh("cp -a src coreutils/b && sync && cd coreutils/b && find . -type f -print0 | xargs -0 -P2 -n 250 sha256sum > ../SUMS", out);
        double cpCreate = secs(t0);

        prepare(cold);
        t0 = System.nanoTime();
        BackupChecker.Report report = BackupChecker.check(runbook.resolve("backups/b"), Manifest.SUMS);
        double verify = secs(t0);
        if (!report.ok()) {
            throw new IllegalStateException("backup not sound: " + report.problems());
        }
        prepare(cold);
        t0 = System.nanoTime();
        sh("cd coreutils/b && sha256sum --quiet -c ../SUMS", out);
        double cpVerify = secs(t0);

        prepare(cold);
        t0 = System.nanoTime();
        Path target = runbook.resolve("target");
        Files.createDirectories(target);
        Path backup = runbook.resolve("backups/b");
        Manifest manifest = Manifest.read(backup, Manifest.SUMS);
        List<RestoreUnit> units = BackupSource.units(backup, manifest, manifest.restoreRoots(), target,
                name -> runbook.resolve("kept").resolve(name));
        RestorePlanner planner = new RestorePlanner(name -> false, true);
        List<UnitPlan> plans = new ArrayList<>();
        for (RestoreUnit unit : units) {
            plans.add(planner.plan(unit));
        }
        new Restorer(target.resolve(EntryNames.STAGING)).apply(plans);
        double restore = secs(t0);
        prepare(cold);
        t0 = System.nanoTime();
        sh("mkdir -p coreutils/target && cp -a coreutils/b coreutils/target/src && sync"
                + " && cd coreutils/target && find . -type f -print0 | xargs -0 -P2 -n 250 sha256sum > /dev/null", out);
        double cpRestore = secs(t0);

        line(label, "backup.create  vs cp -a + sync + sha256sum", create, cpCreate, bytes);
        line(label, "backup.verify  vs sha256sum -c", verify, cpVerify, bytes);
        line(label, "backup.restore vs cp -a + sync + sha256sum", restore, cpRestore, bytes);
        line(label, "all three      vs the coreutils three", create + verify + restore, cpCreate + cpVerify + cpRestore,
                3 * bytes);
    }

    private static void line(String cache, String what, double ours, double theirs, long bytes) {
        System.out.printf("%s  %-45s %6.2f s vs %6.2f s  ratio %.2f  (%5.0f files/s, %5.0f MB/s)%n", cache, what, ours,
                theirs, ours / theirs, FILES / ours, bytes / 1e6 / ours);
    }

    /** Before a measured step: the disk quiet (sync), and for a cold round the page cache dropped. */
    private static void prepare(boolean cold) throws Exception {
        sh("sync", Path.of("."));
        if (cold) {
            dropCaches();
        }
    }

    private static boolean dropCaches() {
        try {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Mixed sizes: most files small, some medium, a few large, ~500 MB in all; incompressible bytes. */
    private static long generate(Path src) throws IOException {
        Random random = new Random(42);
        long[] sizes = new long[FILES];
        long sum = 0;
        for (int i = 0; i < FILES; i++) {
            double pick = random.nextDouble();
            sizes[i] = pick < 0.80 ? 1 + random.nextInt(16 * 1024) : pick < 0.98 ? 16 * 1024 + random.nextInt(256 * 1024)
                    : 1024 * 1024 + random.nextInt(8 * 1024 * 1024);
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

    private static void sh(String command, Path dir) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
