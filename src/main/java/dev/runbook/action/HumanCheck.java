package dev.runbook.action;

import java.util.function.Predicate;

/**
 * Who answers a checklist gate (the confirm action: "are the tools registered in the IDE?"): a
 * person, never --yes. The run's confirmer implements it when it can tell a person from a flag;
 * a plain predicate (tests, embedding) answers as before. The action's outcome carries the answer
 * in the output {@link #OUTPUT} (the {@link Answer}'s name), from which the engine sets the step's
 * status (not checked, vouched).
 */
public interface HumanCheck extends Predicate<String> {

    /** The output that carries the answer of a human check. */
    String OUTPUT = "human_check";

    enum Answer {
        /** A person answered yes. */
        CHECKED,
        /** A person answered no. */
        DECLINED,
        /** Nobody could be asked (no terminal): recorded, the run goes on, the summary says so. */
        NOT_CHECKED,
        /** The operator vouched for it on the command line (--vouch-for-checks) without being asked. */
        VOUCHED
    }

    Answer check(String question);
}
