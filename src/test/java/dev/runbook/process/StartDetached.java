package dev.runbook.process;

import java.nio.file.Path;
import java.util.List;

/**
 * Run as its own JVM by ProcessStarterTest: {@code StartDetached LOG PIDFILE SLEEP_SECONDS} starts
 * {@code sleep SLEEP_SECONDS} through ProcessStarter and exits, so the test can see the process
 * outlive the JVM that started it.
 */
public final class StartDetached {

    private StartDetached() {
    }

    public static void main(String[] args) throws Exception {
        StartResult result = new ProcessStarter().start(StartSpec.of(List.of("sleep", args[2]), Path.of(args[0]))
                .withPidfile(Path.of(args[1])));
        System.out.println(result.message());
        System.exit(result.ok() ? 0 : 1);
    }
}
