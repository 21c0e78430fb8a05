package dev.runbook.console;

import dev.runbook.action.HumanCheck;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Answers confirmation gates: yes with --yes or once the run's up-front approval was given; on a
 * terminal, the operator's answer (No unless they type y or yes); without a terminal, no, with a
 * line saying to use --yes. A human check (the confirm action) is another matter: --yes does not
 * answer it; a person does, on the terminal; without one it is not checked, and --vouch-for-checks
 * records that the operator vouches for it.
 */
public final class Confirmer implements HumanCheck {

    private final boolean yes;
    private final PrintWriter err;
    private final Runnable beforeAsking;
    private final boolean vouch;

    /** {@code beforeAsking}: make the journal durable before waiting on a person. */
    public Confirmer(boolean yes, PrintWriter err, Runnable beforeAsking) {
        this(yes, err, beforeAsking, false);
    }

    /** {@code vouch}: --vouch-for-checks, human checks are recorded as vouched for without asking. */
    public Confirmer(boolean yes, PrintWriter err, Runnable beforeAsking, boolean vouch) {
        this.yes = yes;
        this.err = err;
        this.beforeAsking = beforeAsking;
        this.vouch = vouch;
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
        return ask(console, question);
    }

    @Override
    public synchronized Answer check(String question) {
        if (vouch) {
            return Answer.VOUCHED;
        }
        beforeAsking.run();
        Console console = System.console();
        if (console == null) {
            err.println("runbook: '" + question + "' is a check for a person and there is no terminal: recorded as "
                    + "not checked (--yes does not answer it; --vouch-for-checks records that you vouch for it)");
            err.flush();
            return Answer.NOT_CHECKED;
        }
        return ask(console, question) ? Answer.CHECKED : Answer.DECLINED;
    }

    private static boolean ask(Console console, String question) {
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && (answer.trim().toLowerCase(Locale.ROOT).equals("y")
                || answer.trim().toLowerCase(Locale.ROOT).equals("yes"));
    }
}
