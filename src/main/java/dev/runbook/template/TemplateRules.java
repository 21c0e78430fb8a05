package dev.runbook.template;

import java.util.List;

/** What a runbook value may use of Pebble: shared by the engine (which enforces it) and {@code validate}. */
public final class TemplateRules {

    /** The tags a runbook value may use. */
    public static final List<String> ALLOWED_TAGS = List.of("if", "elseif", "else", "endif", "for", "endfor", "set",
            "verbatim", "endverbatim");
    /**
     * Pebble's other tags, refused: a value has no use for macros, blocks or includes (they could
     * recurse past any budget), and {@code filter}/{@code autoescape} could undo the shell quoting.
     */
    public static final List<String> REFUSED_TAGS = List.of("autoescape", "block", "cache", "embed", "extends",
            "filter", "flush", "from", "import", "include", "macro", "parallel");
    /** Filters that change how a value is escaped: in a shell value they would switch quoting off. */
    public static final List<String> QUOTING_FILTERS = List.of("raw", "escape");

    private TemplateRules() {
    }
}
