package dev.runbook.report;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * Filters for Markdown reports, where Pebble has no escaping of its own: {@code md} makes a value
 * one line of plain text (a table cell: no pipes, no HTML, no emphasis), {@code fence} puts text in
 * a code block that its own backticks cannot close.
 */
public final class ReportFilters extends AbstractExtension {

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("md", new TextFilter(ReportFilters::markdownInline),
                "fence", new TextFilter(ReportFilters::fence));
    }

    /** One line of plain text for a Markdown table cell (the fleet's reports use it too). */
    public static String markdownInline(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n' -> out.append(' ');
                case '\r', '\t' -> out.append(' ');
                case '|', '\\', '`', '*', '_', '[', ']' -> out.append('\\').append(c);
                // an escape sequence of a command's output: text in a report, never a terminal's instruction
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** A fence one backtick longer than the longest run inside, so the text cannot end the block early. */
    static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "text\n" + text.stripTrailing() + "\n" + fence;
    }

    private record TextFilter(java.util.function.UnaryOperator<String> apply) implements Filter {
        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            return input == null ? "" : apply.apply(String.valueOf(input));
        }

        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }
    }
}
