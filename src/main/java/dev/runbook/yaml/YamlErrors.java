package dev.runbook.yaml;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Turns snakeyaml's parser messages into one line, with a hint for the mistakes people make. */
final class YamlErrors {

    private YamlErrors() {
    }

    static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem().trim();
        String context = e.getContext() == null ? "" : e.getContext().trim();
        String text = problem.isEmpty() ? context : problem;
        if (!context.isEmpty() && !problem.isEmpty() && !problem.contains(context)) {
            text = problem + " (" + context + ")";
        }
        return text.replace('\n', ' ').replaceAll("\\s+", " ");
    }

    static String hint(MarkedYamlEngineException e) {
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
