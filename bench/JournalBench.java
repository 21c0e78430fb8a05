import dev.runbook.journal.CommitPolicy;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecorder;
import dev.runbook.journal.RunStart;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepOutcome;
import dev.runbook.template.Masker;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The journal's cost per step (stepStarted + stepFinished) on this machine's disk, for each commit
 * policy, and the disk's own floor (a 4 KiB write + fdatasync). Run with bench/run-journal (builds
 * the jar first). Target: per-step overhead <= 2 ms, the journal included. Figures in docs/PERFORMANCE.md.
 */
public final class JournalBench {

    private static final int STEPS = 1000;
    private static final int ROUNDS = 3;

    enum Kind { EVERY_TRANSITION, BATCHED, BATCHED_READ_ONLY }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench/out/journal");
        Files.createDirectories(out);
        measure(out.resolve("warm-up.db"), Kind.BATCHED, 300);
        System.out.printf("disk floor, 4 KiB overwrite + fdatasync: median %.3f ms%n", diskFloor(out.resolve("floor.bin")));
        for (Kind kind : Kind.values()) {
            List<Double> all = new ArrayList<>();
            StringBuilder rounds = new StringBuilder();
            for (int round = 0; round < ROUNDS; round++) {
                List<Double> times = measure(out.resolve(kind + "-" + round + ".db"), kind, STEPS);
                rounds.append(String.format(" %.3f", mean(times)));
                all.addAll(times);
            }
            Collections.sort(all);
            System.out.printf("%-18s per step: mean %.3f ms, median %.3f ms, p90 %.3f ms (means of %d rounds of %d steps:%s)%n",
                    kind, mean(all), all.get(all.size() / 2), all.get(all.size() * 9 / 10), ROUNDS, STEPS, rounds);
        }
    }

    /** A fresh journal, as each runbook process starts with: the WAL grows from empty. */
    private static List<Double> measure(Path file, Kind kind, int steps) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        CommitPolicy policy = kind == Kind.EVERY_TRANSITION ? CommitPolicy.EVERY_TRANSITION : CommitPolicy.BATCHED;
        List<Double> times = new ArrayList<>(steps);
        try (Journal journal = Journal.open(file, policy)) {
            RunRecorder run = journal.startRun(new RunStart("bench", "0".repeat(64), Map.of("app_dir", "/srv/app"),
                    Optional.empty(), false, "bench", "localhost", Instant.now()), new Masker(List.of("s3cret")));
            for (int i = 0; i < steps; i++) {
                String step = "step-" + i;
                long start = System.nanoTime();
                if (kind == Kind.BATCHED_READ_ONLY) {
                    run.readOnlyStepStarted(step, 1, Instant.now());
                } else {
                    run.stepStarted(step, 1, Instant.now());
                }
                run.stepFinished(StepOutcome.succeeded(step, 1, Instant.now(), OptionalInt.of(0),
                        Map.of("stdout", "ok " + i, "bytes", i)));
                times.add((System.nanoTime() - start) / 1e6);
            }
            run.finish(RunStatus.SUCCEEDED, Instant.now());
        }
        return times;
    }

    private static double diskFloor(Path file) throws Exception {
        List<Double> times = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer page = ByteBuffer.allocate(4096);
            channel.write(page, 0);
            channel.force(true);
            for (int i = 0; i < 500; i++) {
                long start = System.nanoTime();
                channel.write(page.clear(), 0);
                channel.force(false);
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
