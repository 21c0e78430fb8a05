package dev.runbook.journal;

import dev.runbook.template.Masker;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A runbook process for the tests to kill: started as its own JVM, it prints {@code ready RUN_ID}
 * (after {@code notice ...} if it took over a lock) and then never finishes its run.
 * <ul>
 * <li>{@code hold DB RUNBOOK HOST STARTED_AT}: starts step {@code stop} and waits.</li>
 * <li>{@code write DB EFFECTS}: records transitions forever; after each durable intent it appends
 *     {@code RUN STEP ATTEMPT} to EFFECTS, standing in for the action's effect.</li>
 * </ul>
 */
public final class JournalChild {

    static final String SHA = "0".repeat(64);

    public static void main(String[] args) throws Exception {
        Journal journal = Journal.open(Path.of(args[1]));
        if (args[0].equals("hold")) {
            RunRecorder run = start(journal, args[2], args[3], Instant.parse(args[4]));
            run.stepStarted("stop", 1, Instant.now());
            System.out.println("ready " + run.runId());
            Thread.sleep(Long.MAX_VALUE);
        }
        RunRecorder run = start(journal, "crash", "testhost", Instant.now());
        System.out.println("ready " + run.runId());
        writeForever(run, Path.of(args[2]));
    }

    private static RunRecorder start(Journal journal, String runbook, String host, Instant at) throws RunLocked {
        RunStart start = new RunStart(runbook, SHA, Map.of("token", "hunter2"), Optional.empty(), false, "tester",
                host, at);
        RunRecorder run = journal.startRun(start, new Masker(List.of("hunter2")));
        run.lockNotice().ifPresent(notice -> System.out.println("notice " + notice));
        return run;
    }

    /** Every fifth step is read-only; every seventh fails once then succeeds; every eleventh adds a skip. */
    private static void writeForever(RunRecorder run, Path effects) throws Exception {
        try (FileChannel effect = FileChannel.open(effects, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (int i = 0; ; i++) {
                String step = "s" + i;
                int attempts = i % 7 == 3 ? 2 : 1;
                for (int attempt = 1; attempt <= attempts; attempt++) {
                    if (i % 5 == 4) {
                        run.readOnlyStepStarted(step, attempt, Instant.now());
                    } else {
                        run.stepStarted(step, attempt, Instant.now());
                        String line = run.runId() + " " + step + " " + attempt + "\n";
                        effect.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                    }
                    run.stepFinished(attempt < attempts
                            ? StepOutcome.failed(step, attempt, Instant.now(), OptionalInt.of(1), "exit 1")
                            : StepOutcome.succeeded(step, attempt, Instant.now(), OptionalInt.of(0),
                                    Map.of("i", i, "text", "x".repeat(i % 300))));
                }
                if (i % 11 == 10) {
                    run.stepSkipped("skip" + i, "when was false", Instant.now());
                }
            }
        }
    }
}
