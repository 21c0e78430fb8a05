package dev.runbook.template;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a value lands in a POSIX shell command line: bare, inside '...', inside "...", or somewhere
 * no quoting makes safe (a comment, backquotes, {@code ${...}}, arithmetic, a here-document,
 * {@code $'...'}, right after a backslash). Reads the command with each value marked by a
 * placeholder ({@link #MARK} index {@link #END}) and reports each placeholder's context in order.
 * Conservative: where it cannot tell (after a {@code case} inside {@code $(...)}), it says unsafe.
 */
public final class ShellContext {

    public static final char MARK = '\u0000';
    public static final char END = '\u0001';

    /** Where one value lands; {@code unsafe} is the reason when it is no quotable place. */
    public record Place(Kind kind, String unsafe) {
        public enum Kind { BARE, SINGLE_QUOTED, DOUBLE_QUOTED, UNSAFE }

        /** The value written so that the shell reads it back unchanged, as one word, in this place. */
        public String quote(String value) {
            return switch (kind) {
                case BARE -> ShellQuote.quote(value);
                case SINGLE_QUOTED -> value.replace("'", "'\\''");
                case DOUBLE_QUOTED -> value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
                        .replace("`", "\\`");
                case UNSAFE -> throw new IllegalStateException(unsafe);
            };
        }
    }

    /** Told each placeholder's index, its offset in the text, and its place. */
    public interface Visitor {
        void value(int index, int offset, Place place);
    }

    private enum Frame { TOP, SUB, SINGLE, DOUBLE, BACKQUOTE, PARAM, ARITH, ANSI }

    private static final class State {
        final Frame frame;
        int depth;

        State(Frame frame) {
            this.frame = frame;
        }
    }

    private ShellContext() {
    }

    public static void read(String text, Visitor visitor) {
        Deque<State> stack = new ArrayDeque<>();
        stack.push(new State(Frame.TOP));
        String heredoc = null;
        boolean comment = false;
        boolean caseSeen = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            State state = stack.peek();
            if (c == MARK) {
                int end = text.indexOf(END, i);
                if (end < 0) {
                    return;
                }
                int index = Integer.parseInt(text.substring(i + 1, end));
                boolean escaped = i > 0 && text.charAt(i - 1) == '\\' && state.frame != Frame.SINGLE;
                visitor.value(index, i, caseSeen ? unsafe("after a 'case' inside $(...)")
                        : place(state, comment, escaped));
                i = end + 1;
                continue;
            }
            if (comment) {
                comment = c != '\n';
                i++;
                continue;
            }
            switch (state.frame) {
                case SINGLE -> {
                    if (c == '\'') {
                        stack.pop();
                    }
                    i++;
                }
                case ANSI -> {
                    if (c == '\\') {
                        i += escapedWidth(text, i) - 1;
                    } else if (c == '\'') {
                        stack.pop();
                    }
                    i++;
                }
                case BACKQUOTE -> {
                    if (c == '\\') {
                        i += escapedWidth(text, i) - 1;
                    } else if (c == '`') {
                        stack.pop();
                    }
                    i++;
                }
                case PARAM -> {
                    if (c == '}') {
                        stack.pop();
                    }
                    i++;
                }
                case ARITH -> {
                    if (c == '(') {
                        state.depth++;
                    } else if (c == ')' && state.depth > 0) {
                        state.depth--;
                    } else if (c == ')' && text.startsWith("))", i)) {
                        stack.pop();
                        i++;
                    }
                    i++;
                }
                case DOUBLE -> {
                    if (c == '\\') {
                        i += escapedWidth(text, i);
                    } else if (c == '"') {
                        stack.pop();
                        i++;
                    } else {
                        i = expansion(text, i, stack);
                    }
                }
                default -> {
                    if (c == '\n' && heredoc != null && state.frame == Frame.TOP) {
                        int bodyEnd = heredocEnd(text, i + 1, heredoc);
                        for (int at = text.indexOf(MARK, i); at >= 0 && at < bodyEnd; at = text.indexOf(MARK, at + 1)) {
                            int end = text.indexOf(END, at);
                            if (end < 0) {
                                return;
                            }
                            visitor.value(Integer.parseInt(text.substring(at + 1, end)), at,
                                    new Place(Place.Kind.UNSAFE, "inside a here-document"));
                        }
                        heredoc = null;
                        i = bodyEnd;
                    } else if (c == '\\') {
                        i += escapedWidth(text, i);
                    } else if (c == '\'') {
                        stack.push(new State(Frame.SINGLE));
                        i++;
                    } else if (c == '"') {
                        stack.push(new State(Frame.DOUBLE));
                        i++;
                    } else if (c == '#' && wordStart(text, i)) {
                        comment = true;
                        i++;
                    } else if (text.startsWith("<<", i) && !text.startsWith("<<<", i)) {
                        int[] end = new int[1];
                        heredoc = delimiter(text, i + 2, end);
                        i = end[0];
                    } else if (text.startsWith("((", i) && wordStart(text, i)) {
                        stack.push(new State(Frame.ARITH));
                        i += 2;
                    } else if (c == '(' && state.frame == Frame.SUB) {
                        state.depth++;
                        i++;
                    } else if (c == ')' && state.frame == Frame.SUB) {
                        if (state.depth == 0) {
                            stack.pop();
                        } else {
                            state.depth--;
                        }
                        i++;
                    } else if (state.frame == Frame.SUB && text.startsWith("case", i) && wordStart(text, i)
                            && (i + 4 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 4)))) {
                        // A case's "pattern)" closes no parenthesis: from here on, where a $(...) ends is a guess.
                        caseSeen = true;
                        i += 4;
                    } else if (c == '$' && text.startsWith("$'", i)) {
                        stack.push(new State(Frame.ANSI));
                        i += 2;
                    } else {
                        i = expansion(text, i, stack);
                    }
                }
            }
        }
    }

    /** `...`, $((...)), $(...) and ${...}, which begin new contexts both bare and inside "...". */
    private static int expansion(String text, int i, Deque<State> stack) {
        if (text.charAt(i) == '`') {
            stack.push(new State(Frame.BACKQUOTE));
            return i + 1;
        }
        if (text.startsWith("$((", i)) {
            stack.push(new State(Frame.ARITH));
            return i + 3;
        }
        if (text.startsWith("$(", i)) {
            stack.push(new State(Frame.SUB));
            return i + 2;
        }
        if (text.startsWith("${", i)) {
            stack.push(new State(Frame.PARAM));
            return i + 2;
        }
        return i + 1;
    }

    private static Place place(State state, boolean comment, boolean escaped) {
        if (comment) {
            return unsafe("inside a shell comment (a newline in the value would end it)");
        }
        if (escaped) {
            return unsafe("right after a backslash");
        }
        return switch (state.frame) {
            case TOP -> new Place(Place.Kind.BARE, null);
            case SUB -> new Place(Place.Kind.BARE, null);
            case SINGLE -> new Place(Place.Kind.SINGLE_QUOTED, null);
            case DOUBLE -> new Place(Place.Kind.DOUBLE_QUOTED, null);
            case BACKQUOTE -> unsafe("inside backquotes");
            case PARAM -> unsafe("inside ${...}");
            case ARITH -> unsafe("inside arithmetic $((...))");
            case ANSI -> unsafe("inside $'...'");
        };
    }

    /** A backslash and the character it escapes; never a placeholder, which must be seen (as escaped). */
    private static int escapedWidth(String text, int i) {
        return i + 1 < text.length() && text.charAt(i + 1) == MARK ? 1 : 2;
    }

    private static Place unsafe(String why) {
        return new Place(Place.Kind.UNSAFE, why);
    }

    private static boolean wordStart(String text, int i) {
        return i == 0 || " \t\n;&|()".indexOf(text.charAt(i - 1)) >= 0;
    }

    /** The here-document's delimiter word after {@code <<} (quotes removed); {@code end[0]} is after it. */
    private static String delimiter(String text, int from, int[] end) {
        int i = from;
        if (i < text.length() && text.charAt(i) == '-') {
            i++;
        }
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        StringBuilder word = new StringBuilder();
        while (i < text.length() && " \t\n;&|<>()".indexOf(text.charAt(i)) < 0) {
            char c = text.charAt(i++);
            if (c != '\'' && c != '"' && c != '\\') {
                word.append(c);
            }
        }
        end[0] = i;
        return word.toString();
    }

    /** Where the here-document starting at {@code from} ends: after its delimiter line, or the text's end. */
    private static int heredocEnd(String text, int from, String delimiter) {
        int line = from;
        while (line < text.length()) {
            int next = text.indexOf('\n', line);
            int stop = next < 0 ? text.length() : next;
            if (text.substring(line, stop).replaceFirst("^\t+", "").equals(delimiter)) {
                return stop;
            }
            line = stop + 1;
        }
        return text.length();
    }
}
