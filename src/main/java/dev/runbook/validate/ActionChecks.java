package dev.runbook.validate;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.action.Effect;
import dev.runbook.model.ActionCall;
import dev.runbook.source.Problems;
import dev.runbook.spec.Suggestions;
import dev.runbook.spec.TypeChecker;
import java.util.List;
import java.util.Optional;

/** Checks an action call against the registry: the action exists, and its arguments fit. */
final class ActionChecks {

    private final ActionRegistry registry;
    private final Problems problems;

    ActionChecks(ActionRegistry registry, Problems problems) {
        this.registry = registry;
        this.problems = problems;
    }

    /** The action's declaration when it exists; {@code where} names the call in messages. */
    Optional<ActionSpec> check(ActionCall call, String where) {
        Optional<ActionSpec> spec = registry.find(call.action());
        if (spec.isEmpty()) {
            String close = Suggestions.didYouMean(call.action(), registry.names());
            problems.add(call.location(), "unknown action '" + call.action() + "' in " + where,
                    (close != null ? close + " " : "") + "known actions: " + String.join(", ", registry.names()));
            return spec;
        }
        if (!call.argsReadable()) {
            return spec;
        }
        String context = "'with' of " + where;
        new TypeChecker(problems, true).checkFields(call.with(), spec.get().params(), context);
        for (List<String> group : spec.get().oneOf()) {
            List<String> given = group.stream().filter(call.with()::has).toList();
            if (given.isEmpty() && !misspelt(call, spec.get(), group)) {
                problems.add(call.with().entries().isEmpty() ? call.location() : call.with().location(),
                        call.action() + " in " + where + " needs one of " + quoted(group, "or"),
                        "e.g. " + group.get(0) + ": " + spec.get().param(group.get(0)).orElseThrow().example());
            } else if (given.size() > 1) {
                problems.add(call.with().entry(given.get(1)).orElseThrow().key().location(),
                        call.action() + " in " + where + " takes only one of " + quoted(given, "and"), "remove one");
            }
        }
        for (List<String> group : spec.get().anyOf()) {
            if (group.stream().noneMatch(call.with()::has) && !misspelt(call, spec.get(), group)) {
                problems.add(call.with().entries().isEmpty() ? call.location() : call.with().location(),
                        call.action() + " in " + where + " needs at least one of " + quoted(group, "or"),
                        "e.g. " + group.get(0) + ": " + spec.get().param(group.get(0)).orElseThrow().example());
            }
        }
        return spec;
    }

    /** A verify check must not change anything; exec is allowed, since running a test is a check. */
    void checkVerify(ActionCall call, ActionSpec spec, String stepWhere) {
        if (spec.effect() != Effect.READ_ONLY && !spec.name().equals("exec")) {
            problems.add(call.location(), "'" + spec.name() + "' changes things, so it cannot be a verify check of "
                    + stepWhere, "verify takes read-only checks such as sqlite.integrity, http.check, backup.verify, "
                    + "git.status, assert or exec");
        }
    }

    /** A misspelt member ("min_fre") is reported as an unknown key already; once is enough. */
    private static boolean misspelt(ActionCall call, ActionSpec spec, List<String> group) {
        return call.with().entries().stream().anyMatch(e -> spec.param(e.name()).isEmpty()
                && Suggestions.closest(e.name(), group).isPresent());
    }

    private static String quoted(List<String> names, String conjunction) {
        return "'" + String.join("' " + conjunction + " '", names) + "'";
    }
}
