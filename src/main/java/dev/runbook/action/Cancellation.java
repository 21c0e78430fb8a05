package dev.runbook.action;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cancellation of a running step, from another thread (timeout, SIGINT/SIGTERM). Actions that
 * start processes register a hook that ends the whole process tree; others poll {@link #cancelled()}.
 */
public final class Cancellation {

    private volatile String reason;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public boolean cancelled() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    /** Runs the hook now if already cancelled, else when cancelled. */
    public void onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled()) {
            hook.run();
        }
    }

    public void cancel(String why) {
        if (reason == null) {
            reason = why;
            hooks.forEach(Runnable::run);
        }
    }
}
