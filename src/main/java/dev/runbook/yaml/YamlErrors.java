package dev.runbook.yaml;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Turns snakeyaml's parser messages into one line, with a hint for the mistakes people make. */
final class YamlErrors {

    private YamlErrors() {
    }

    /** A quote or bracket left open: the place it was opened says more than where the file ran out. */
    static boolean opensUnclosed(MarkedYamlEngineException e) {
        String context = String.valueOf(e.getContext());
        return e.getContextMark().isPresent() && (context.contains("quoted scalar")
                || context.contains("flow sequence") || context.contains("flow mapping"));
    }

    static String describe(MarkedYamlEngineException e) {
        if (opensUnclosed(e)) {
            String what = String.valueOf(e.getContext()).contains("quoted") ? "a quoted string" : "a bracket";
            return what + " opened here is not closed (" + plainWords(String.valueOf(e.getProblem()).trim()) + ")";
        }
        String problem = e.getProblem() == null ? "" : plainWords(e.getProblem().trim());
        String context = e.getContext() == null ? "" : plainWords(e.getContext().trim());
        String text = problem.isEmpty() ? context : problem;
        if (!context.isEmpty() && !problem.isEmpty() && !problem.contains(context)) {
            text = problem + " (" + context + ")";
        }
        return text.replace('\n', ' ').replaceAll("\\s+", " ");
    }

    /** snakeyaml names tokens like <block end>; say what they are. */
    static String plainWords(String text) {
        return text.replace("<block end>", "the end of the indented block")
                .replace("'<block mapping start>'", "more indented keys")
                .replace("<block mapping start>", "more indented keys")
                .replace("'<block sequence start>'", "a more indented list")
                .replace("'<scalar>'", "a value").replace("<scalar>", "a value")
                .replace("'<stream end>'", "the end of the file").replace("<stream end>", "the end of the file")
                .replace("'<block entry>'", "a list item '- '").replace("<block entry>", "a list item '- '");
    }

    static String hint(MarkedYamlEngineException e) {
        if (opensUnclosed(e)) {
            return "close it, or quote the value if the quote or bracket is meant as text";
        }
        String problem = String.valueOf(e.getProblem());
        if (problem.contains("'\\t'") || problem.contains("\t")) {
            return "indent with spaces; YAML does not allow tabs";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "quote a value that contains ': ', or check the indentation above";
        }
        if (problem.contains("expected <block end>")) {
            return "check that this line is indented like its siblings";
        }
        if (problem.contains("found unexpected end of stream") || problem.contains("found unexpected end")) {
            return "a quote or bracket is not closed";
        }
        if (problem.contains("found character '@'") || problem.contains("found character '`'")) {
            return "quote values that start with @ or `";
        }
        return null;
    }
}
