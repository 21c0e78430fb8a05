package dev.runbook.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a backup takes from a root: named paths and globs ('**' crosses folders), less excluded
 * globs, as entries (parents first, no duplicates when selections overlap) and the selected roots
 * in the order given, which a restore puts back by default.
 */
public record Selection(List<String> roots, List<Entry> entries) {

    public long files() {
        return entries.stream().filter(Entry::isFile).count();
    }

    public long bytes() {
        return entries.stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
    }

    public static Selection of(Path root, List<String> paths, List<String> excludes) throws IOException, Refusal {
        Predicate<String> excluded = matcher(excludes);
        List<String> roots = new ArrayList<>();
        for (String path : paths) {
            String name = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (isGlob(name)) {
                PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
                List<String> matches = new ArrayList<>();
                for (Entry entry : Trees.scan(root, "", n -> !n.isEmpty() && excluded.test(n))) {
                    if (!entry.name().isEmpty() && glob.matches(Path.of(entry.name()))) {
                        matches.add(entry.name());
                    }
                }
                if (matches.isEmpty()) {
                    throw new Refusal("nothing under " + root + " matches " + path);
                }
                matches.stream().filter(m -> !underAny(m, matches)).forEach(roots::add);
            } else {
                EntryNames.check(name);
                if (!Files.exists(EntryNames.resolve(root, name), LinkOption.NOFOLLOW_LINKS)) {
                    throw new Refusal(path + " does not exist under " + root);
                }
                roots.add(name);
            }
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> distinct = roots.stream().distinct().filter(r -> !underAny(r, roots)).toList();
        Map<Object, String> firstNames = new java.util.HashMap<>(); // hard links across the selected paths too
        for (String name : distinct) {
            for (Entry entry : Trees.scan(EntryNames.resolve(root, name), name, excluded, firstNames)) {
                entries.putIfAbsent(entry.name(), entry);
            }
        }
        return new Selection(distinct, new ArrayList<>(entries.values()));
    }

    private static boolean underAny(String name, List<String> others) {
        return others.stream().anyMatch(other -> name.startsWith(other + "/"));
    }

    private static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    static Predicate<String> matcher(List<String> globs) {
        List<PathMatcher> matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        return name -> !name.isEmpty() && matchers.stream().anyMatch(m -> m.matches(Path.of(name)));
    }
}
