package dev.runbook.template;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Arguments a program (or git itself, later) would read as an option when they start with '-':
 * git refs, branch and tag names (git refuses such names; a tag "-f" made by JGit breaks every
 * later "git tag -d"), and alembic targets. Refused, both in {@code validate} (a value written
 * out) and when a template renders one. Alembic's relative steps ({@code -1}) stay allowed: the
 * target is resolved to a revision id first and alembic is given that id after {@code --}.
 */
public final class OptionValues {

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "git.tag", Set.of("name", "ref"),
            "git.checkout", Set.of("ref", "create_branch"),
            "git.reset", Set.of("ref"),
            "git.restore", Set.of("ref"),
            "git.log", Set.of("ref", "tag"),
            "alembic.upgrade", Set.of("target"),
            "alembic.downgrade", Set.of("target"));
    private static final Pattern RELATIVE_STEP = Pattern.compile("-\\d+");

    private OptionValues() {
    }

    /** Why this value cannot be the action's argument, or empty when it can. */
    public static Optional<String> problem(String action, String field, Object value) {
        if (!(value instanceof String text) || !text.startsWith("-")
                || !FIELDS.getOrDefault(action, Set.of()).contains(field)) {
            return Optional.empty();
        }
        if (action.startsWith("alembic.") && RELATIVE_STEP.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + field + "' of " + action + " starts with '-' (\"" + text
                + "\"), which programs read as an option");
    }

    /** The hint that goes with {@link #problem}. */
    public static String hint(String action) {
        return action.startsWith("alembic.") ? "give a revision id, head, base, or a relative step like -1"
                : "git refuses names and refs that start with '-'; name the ref without it";
    }
}
