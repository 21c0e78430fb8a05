package dev.runbook.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds processes by command line, like {@code pgrep -f}: a regular expression found anywhere in
 * the arguments joined with spaces. Read-only, so a dry run can show what {@code process.stop}
 * would stop. Never lists this JVM or its ancestors (the runbook's own command line, or the
 * shell that started it, may well contain the pattern), zombies, or kernel threads (no command line).
 */
public final class ProcessMatcher {

    private ProcessMatcher() {
    }

    /** The processes whose command line matches any of the patterns now, by pid. */
    public static List<ProcessInfo> matching(List<Pattern> patterns) {
        List<ProcessInfo> table = ProcessTable.snapshot(true);
        Set<Long> excluded = ProcessTable.selfAndAncestors(ProcessTable.byPid(table));
        List<ProcessInfo> found = new ArrayList<>();
        for (ProcessInfo p : table) {
            if (!p.exited() && !p.commandLine().isEmpty() && !excluded.contains(p.pid()) && matches(p, patterns)) {
                found.add(p);
            }
        }
        found.sort((a, b) -> Long.compare(a.pid(), b.pid()));
        return found;
    }

    /** Compiles the runbook's patterns; a bad one is an IllegalArgumentException saying which and why. */
    public static List<Pattern> compile(List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : regexes) {
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: "
                        + e.getDescription(), e);
            }
        }
        return patterns;
    }

    private static boolean matches(ProcessInfo p, List<Pattern> patterns) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(p.commandLine()).find()) {
                return true;
            }
        }
        return false;
    }
}
