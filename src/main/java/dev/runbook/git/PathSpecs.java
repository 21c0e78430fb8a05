package dev.runbook.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The paths of git.restore, matched like git's pathspecs against a commit's files: a plain path
 * names a file or everything under a folder; with {@code * ? [..]} it is a glob in which, as in git,
 * {@code *} also crosses {@code /} (so {@code "*.py"} is every Python file). A path that would
 * leave the repository is refused.
 */
public final class PathSpecs {

    private PathSpecs() {
    }

    /** Files of {@code available} the specs match; every spec must match at least one. */
    public static Set<String> match(List<String> specs, Set<String> available, String where) throws GitException {
        Set<String> matched = new TreeSet<>();
        List<String> unmatched = new ArrayList<>();
        for (String raw : specs) {
            String spec = normalize(raw);
            boolean glob = spec.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
            Pattern pattern = glob ? Pattern.compile(regex(spec)) : null;
            boolean any = false;
            for (String path : available) {
                boolean hit = glob ? pattern.matcher(path).matches() : path.equals(spec) || path.startsWith(spec + "/");
                if (hit) {
                    matched.add(path);
                    any = true;
                }
            }
            if (!any) {
                unmatched.add(raw);
            }
        }
        if (!unmatched.isEmpty()) {
            throw GitException.refused("no file in " + where + " matches " + String.join(", ", unmatched)
                    + "; paths are relative to the repository's work tree");
        }
        return matched;
    }

    private static String normalize(String raw) throws GitException {
        String spec = raw.replace('\\', '/');
        while (spec.startsWith("./")) {
            spec = spec.substring(2);
        }
        while (spec.endsWith("/") && spec.length() > 1) {
            spec = spec.substring(0, spec.length() - 1);
        }
        if (spec.isEmpty() || spec.startsWith("/") || spec.indexOf('\0') >= 0 || List.of(spec.split("/"))
                .contains("..")) {
            throw GitException.refused("path '" + raw + "' is not inside the repository: use a path relative to "
                    + "its work tree, without '..'");
        }
        return spec;
    }

    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    regex.append("\\[");
                } else {
                    String body = glob.substring(i + 1, end);
                    regex.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
                    i = end;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
