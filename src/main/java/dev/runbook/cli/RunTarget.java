package dev.runbook.cli;

import dev.runbook.journal.RunRecord;
import dev.runbook.model.Param;
import dev.runbook.model.ParamType;
import dev.runbook.model.Runbook;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a run acted on, as far as {@code runbook undo} asks "did a later run change the same thing":
 * the runbook's name and the values its path parameters had, as the journal recorded them. Two runs
 * of one runbook on different installations do not touch each other; a runbook without path
 * parameters has one target. The one place this is decided, so it can follow the run lock's key.
 */
record RunTarget(String runbook, Map<String, String> paths) {

    RunTarget {
        paths = Map.copyOf(paths);
    }

    /** {@code runbook} declares the params' types (the journal keeps only values). */
    static RunTarget of(Runbook runbook, RunRecord run) {
        Map<String, String> paths = new TreeMap<>();
        for (Param param : runbook.params()) {
            Object value = run.params().get(param.name());
            if (param.type() == ParamType.PATH && !param.secret() && value != null) {
                paths.put(param.name(), normalised(String.valueOf(value)));
            }
        }
        return new RunTarget(run.runbook(), paths);
    }

    boolean sameAs(RunTarget other) {
        return runbook.equals(other.runbook) && Objects.equals(paths, other.paths);
    }

    /** "a/./b/" and "a/b" name the same folder. */
    private static String normalised(String path) {
        try {
            return Path.of(path).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }
}
