package dev.runbook.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the variables a Pebble template reads, without compiling it: {@code {{ params.app_dir }}}
 * yields the path [params, app_dir]; {@code steps['restore-db'].outputs.kept_as} yields
 * [steps, restore-db, outputs, kept_as]. Filter, function and test names, literals and names bound
 * by {@code for} and {@code set} are not variables. This is what makes a static check of every
 * reference cheap enough for {@code validate}.
 */
public final class TemplateScanner {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "is", "in", "true", "false", "null",
            "none", "equals", "contains", "if", "else", "with", "only", "as", "True", "False", "None");

    /** A variable read: its path and where it starts and ends in the template text. */
    public record Reference(List<String> path, int start, int end) {
        public String root() {
            return path.get(0);
        }

        public String dotted() {
            return String.join(".", path);
        }
    }

    /** A filter ({@code | upper}), function ({@code range(..)}), test ({@code is null}) or tag ({@code {% if %}}) by name. */
    public record Call(Kind kind, String name, int start) {
        public enum Kind { FILTER, FUNCTION, TEST, TAG }
    }

    /** The references and calls found, or the first syntax error with its offset. */
    public record Scan(List<Reference> references, List<Call> calls, String error, int errorOffset) {
        public boolean ok() {
            return error == null;
        }
    }

    private TemplateScanner() {
    }

    public static boolean isTemplate(String text) {
        return text.contains("{{") || text.contains("{%");
    }

    public static Scan scan(String text) {
        List<Reference> refs = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        Set<String> locals = new HashSet<>();
        int i = 0;
        while (true) {
            int open = text.indexOf('{', i);
            if (open < 0 || open + 1 >= text.length()) {
                return new Scan(refs, calls, null, -1);
            }
            char kind = text.charAt(open + 1);
            if (kind == '#') {
                int close = text.indexOf("#}", open + 2);
                if (close < 0) {
                    return new Scan(refs, calls, "unclosed comment '{#'", open);
                }
                i = close + 2;
                continue;
            }
            if (kind != '{' && kind != '%') {
                i = open + 1;
                continue;
            }
            String closer = kind == '{' ? "}}" : "%}";
            List<Token> tokens = new ArrayList<>();
            String error = Tokens.read(text, open + 2, closer, tokens);
            if (error != null) {
                return new Scan(refs, calls, error, open);
            }
            int close = tokens.get(tokens.size() - 1).start;
            List<Token> body = tokens.subList(0, tokens.size() - 1);
            if (kind == '{' && body.isEmpty()) {
                return new Scan(refs, calls, "empty '{{ }}'", open);
            }
            collect(body, kind == '%', locals, refs, calls);
            i = close + 2;
        }
    }

    private static void collect(List<Token> tokens, boolean tag, Set<String> locals, List<Reference> refs,
                                List<Call> calls) {
        int k = 0;
        if (tag && !tokens.isEmpty() && tokens.get(0).isIdent()) {
            String name = tokens.get(0).text;
            calls.add(new Call(Call.Kind.TAG, name, tokens.get(0).start));
            k = 1;
            if (name.equals("for")) {
                while (k < tokens.size() && !tokens.get(k).is("in")) {
                    if (tokens.get(k).isIdent()) {
                        locals.add(tokens.get(k).text);
                    }
                    k++;
                }
            } else if (name.equals("set") && k < tokens.size() && tokens.get(k).isIdent()) {
                locals.add(tokens.get(k).text);
                k++;
            } else if (name.equals("macro")) {
                tokens.stream().filter(Token::isIdent).forEach(t -> locals.add(t.text));
                return;
            }
        }
        for (; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            if (!token.isIdent() || KEYWORDS.contains(token.text)) {
                continue;
            }
            Call.Kind call = callKind(tokens, k);
            if (call != null) {
                calls.add(new Call(call, token.text, token.start));
                continue;
            }
            if (!startsVariable(tokens, k)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            path.add(token.text);
            int m = k + 1;
            while (m + 1 < tokens.size()) {
                if (tokens.get(m).is(".") && tokens.get(m + 1).isIdent()) {
                    path.add(tokens.get(m + 1).text);
                    m += 2;
                } else if (tokens.get(m).is("[") && m + 2 < tokens.size() && tokens.get(m + 1).isString()
                        && tokens.get(m + 2).is("]")) {
                    path.add(tokens.get(m + 1).text);
                    m += 3;
                } else {
                    break;
                }
            }
            if (!locals.contains(token.text)) {
                refs.add(new Reference(List.copyOf(path), token.start, tokens.get(m - 1).end));
            }
            k = m - 1;
        }
    }

    private static Call.Kind callKind(List<Token> tokens, int k) {
        Token previous = k > 0 ? tokens.get(k - 1) : null;
        if (previous != null && previous.is("|")) {
            return Call.Kind.FILTER;
        }
        if (previous != null && (previous.is("is") || previous.is("not") && k > 1 && tokens.get(k - 2).is("is"))) {
            return Call.Kind.TEST;
        }
        boolean attribute = previous != null && previous.is(".");
        return !attribute && k + 1 < tokens.size() && tokens.get(k + 1).is("(") ? Call.Kind.FUNCTION : null;
    }

    /** An identifier starts a variable unless it names a filter, a test, a function or an attribute. */
    private static boolean startsVariable(List<Token> tokens, int k) {
        Token previous = k > 0 ? tokens.get(k - 1) : null;
        if (previous != null && (previous.is(".") || previous.is("|") || previous.is("is"))) {
            return false;
        }
        if (previous != null && previous.is("not") && k > 1 && tokens.get(k - 2).is("is")) {
            return false;
        }
        boolean call = k + 1 < tokens.size() && tokens.get(k + 1).is("(");
        boolean namedArgument = k + 1 < tokens.size() && tokens.get(k + 1).is("=");
        return !call && !namedArgument;
    }
}
