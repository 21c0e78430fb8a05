package dev.runbook.console;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live line at the bottom of a terminal: which steps are running and for how long, redrawn in
 * place four times a second. Only on a terminal: in a log file or a pipe, carriage returns and
 * escape codes are noise. Callers hold the console's lock around {@link #clear()} and
 * {@link #draw()} so the line never lands in the middle of a step's line.
 */
final class StatusLine {

    private static final String CLEAR = "\r\u001b[K";

    private final PrintWriter out;
    private final Object lock;
    private final int width;
    /** Running steps by id: how each is shown (its id and title) and when it started (nanoTime). */
    private final Map<String, Map.Entry<String, Long>> running = new LinkedHashMap<>();
    private ScheduledExecutorService ticker;
    private boolean shown;

    StatusLine(PrintWriter out, Object lock, int width) {
        this.out = out;
        this.lock = lock;
        this.width = Math.max(20, width);
    }

    void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runbook-status");
            thread.setDaemon(true); // never keeps the JVM alive after the run
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> {
            synchronized (lock) {
                clear();
                draw();
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clear();
    }

    void stepRunning(String stepId, String title) {
        running.put(stepId, Map.entry(title == null ? stepId : stepId + " (" + title + ")", System.nanoTime()));
    }

    void stepDone(String stepId) {
        running.remove(stepId);
    }

    /** Wipes the line (before a normal line is printed). */
    void clear() {
        if (shown) {
            out.print(CLEAR);
            out.flush();
            shown = false;
        }
    }

    /** Draws the line for the steps running now; nothing when none is. */
    void draw() {
        if (running.isEmpty()) {
            return;
        }
        Map.Entry<String, Long> oldest = running.values().iterator().next();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - oldest.getValue());
        String text = "… " + oldest.getKey() + " running for " + seconds(elapsed)
                + (running.size() > 1 ? " (+" + (running.size() - 1) + " more)" : "");
        out.print(text.length() > width - 1 ? text.substring(0, width - 2) + "…" : text);
        out.flush();
        shown = true;
    }

    private static String seconds(Duration elapsed) {
        long tenths = elapsed.toMillis() / 100;
        return tenths / 10 + "." + tenths % 10 + " s";
    }
}
