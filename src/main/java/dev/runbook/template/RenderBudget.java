package dev.runbook.template;

import java.lang.management.ManagementFactory;

/**
 * What one rendering may spend: time and memory allocated, checked at every loop iteration and
 * every inserted value. Loops are the only way a runbook value repeats work (macros and includes
 * are refused), so a template like {@code {% for i in range(1, 9999) %}{% set s = s ~ s %}...}
 * stops within one iteration of the budget instead of running for minutes or exhausting memory.
 */
final class RenderBudget {

    static final long MAX_MILLIS = 2_000;
    static final long MAX_ALLOCATED_BYTES = 64L << 20;
    /** Items one {@code range(...)} may make. */
    static final long MAX_RANGE = 10_000;

    static final String SPENT = "rendering went over its budget (" + MAX_MILLIS / 1000 + " s, "
            + (MAX_ALLOCATED_BYTES >> 20) + " MiB allocated): a loop too long or a value too large";

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long deadline;
    private final long allocatedAtStart;

    private RenderBudget() {
        this.deadline = System.nanoTime() + MAX_MILLIS * 1_000_000;
        this.allocatedAtStart = allocated();
    }

    /** Starts a budget for this thread; the caller must {@link #end()} it. */
    static void start() {
        CURRENT.set(new RenderBudget());
    }

    static void end() {
        CURRENT.remove();
    }

    /** Throws {@link OverBudget} when the rendering on this thread has spent its budget. */
    static void check() {
        RenderBudget budget = CURRENT.get();
        if (budget == null) {
            return;
        }
        if (System.nanoTime() > budget.deadline
                || THREADS != null && allocated() - budget.allocatedAtStart > MAX_ALLOCATED_BYTES) {
            throw new OverBudget(SPENT);
        }
    }

    private static long allocated() {
        return THREADS == null ? 0 : THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                    && bean.isThreadAllocatedMemorySupported()) {
                bean.setThreadAllocatedMemoryEnabled(true);
                return bean;
            }
        } catch (RuntimeException | LinkageError e) {
            // No allocation counter on this JVM: the time budget and the range cap still hold.
        }
        return null;
    }

    /** A budget spent: unchecked, so it passes through Pebble's evaluation untouched. */
    static final class OverBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverBudget(String message) {
            super(message, null, false, false);
        }
    }
}
