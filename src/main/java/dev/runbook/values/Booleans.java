package dev.runbook.values;

import java.util.Optional;

/**
 * The one reading of true and false, wherever a boolean arrives as text: a runbook's YAML, a
 * {@code --param}, a rendered {@code when:} or {@code assert}, a {@code json.set} value. YAML 1.2's
 * core schema spellings are booleans ({@code true}, {@code True}, {@code TRUE} and the same for
 * false); nothing else is, not {@code yes}/{@code on} (YAML 1.1) nor {@code tRuE}, so a value the
 * validator accepted is read the same way when the step runs.
 */
public final class Booleans {

    private Booleans() {
    }

    /** The boolean the text spells, or empty when it spells none. */
    public static Optional<Boolean> parse(String text) {
        return switch (text) {
            case "true", "True", "TRUE" -> Optional.of(Boolean.TRUE);
            case "false", "False", "FALSE" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        };
    }

    /** True only for a spelling of true: a condition that says anything else does not hold. */
    public static boolean isTrue(String text) {
        return parse(text).orElse(false);
    }
}
