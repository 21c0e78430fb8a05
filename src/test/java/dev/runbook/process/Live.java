package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Real processes for tests, told apart from everything else on the machine by a unique argument:
 * {@code sleep 60.4821937} is one test's sleep and no one else's.
 */
final class Live {

    private Live() {
    }

    /** A sleep duration (about a minute) that no other process on the machine has as its argument. */
    static String uniqueSleep() {
        return "60." + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
    }

    /** Matches {@code sleep SECONDS} exactly (the dot is literal). */
    static Pattern sleeping(String seconds) {
        return Pattern.compile("^sleep " + Pattern.quote(seconds) + "$");
    }

    /** Waits until {@code count} processes match, so a test never passes because nothing ran. */
    static List<ProcessInfo> awaitRunning(Pattern pattern, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            List<ProcessInfo> found = ProcessMatcher.matching(List.of(pattern));
            if (found.size() >= count) {
                return found;
            }
            pause(10);
        }
        return fail("%d process(es) matching %s never appeared", count, pattern);
    }

    static void assertNoneRunning(Pattern... patterns) {
        assertThat(ProcessMatcher.matching(List.of(patterns))).as("processes still running").isEmpty();
    }

    /** Ends whatever a failed test left behind, so one failure does not leave minute-long sleeps. */
    static void cleanUp(Pattern... patterns) {
        new ProcessStopper(Duration.ZERO).stopMatching(List.of(patterns));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
