package dev.runbook.files;

import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM running `runbook` with the given arguments. With a pause point ("moved-in#2": the
 * second time the restore passes moved-in) it says "at POINT" and waits there to be killed.
 */
public final class RestoreChild {

    private RestoreChild() {
    }

    public static void main(String[] args) throws Exception {
        String pause = args[0];
        AtomicInteger seen = new AtomicInteger();
        Checkpoints pauseThere = point -> {
            String name = pause.contains("#") ? pause.substring(0, pause.indexOf('#')) : pause;
            int nth = pause.contains("#") ? Integer.parseInt(pause.substring(pause.indexOf('#') + 1)) : 1;
            if (point.equals(name) && seen.incrementAndGet() == nth) {
                System.out.println("at " + pause);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        PrintWriter out = new PrintWriter(System.out, true);
        int code = Main.execute(Arrays.copyOfRange(args, 1, args.length), out, new PrintWriter(System.err, true),
                new RestoreHooks(LinuxCalls.system(), pauseThere));
        out.flush();
        System.exit(code);
    }
}
