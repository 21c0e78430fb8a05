package dev.runbook.console;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Answers confirmation gates: yes with --yes; on a terminal, the operator's answer (No unless they
 * type y or yes); without a terminal, no, with a line saying to use --yes.
 */
public final class Confirmer implements Predicate<String> {

    private final boolean yes;
    private final PrintWriter err;
    private final Runnable beforeAsking;

    /** {@code beforeAsking}: make the journal durable before waiting on a person. */
    public Confirmer(boolean yes, PrintWriter err, Runnable beforeAsking) {
        this.yes = yes;
        this.err = err;
        this.beforeAsking = beforeAsking;
    }

    @Override
    public synchronized boolean test(String question) {
        if (yes) {
            return true;
        }
        beforeAsking.run();
        Console console = System.console();
        if (console == null) {
            err.println("runbook: '" + question + "' needs an answer and there is no terminal; run with --yes to agree");
            err.flush();
            return false;
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && (answer.trim().toLowerCase(Locale.ROOT).equals("y")
                || answer.trim().toLowerCase(Locale.ROOT).equals("yes"));
    }
}
