package dev.runbook.saved;

import dev.runbook.process.ProcessMatcher;
import dev.runbook.process.ProcessScope;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One thing a step's preview reads, named so that it can be looked at again later: a path (file,
 * folder, SQLite database or backup, whichever is there), a git repository, or the processes a
 * {@code process.stop} would match ({@code path} then holds its criteria's description).
 */
public record Subject(Type type, String path, List<String> match, Optional<String> cwdUnder,
                      Optional<String> exe, Optional<String> user, Optional<Integer> port) {

    /** What kind of thing to look at. */
    public enum Type { PATH, GIT, PROCESSES }

    public Subject {
        match = List.copyOf(match);
    }

    static Subject path(Path path) {
        return new Subject(Type.PATH, path.toAbsolutePath().normalize().toString(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Subject git(Path repo) {
        return new Subject(Type.GIT, repo.toAbsolutePath().normalize().toString(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Subject processes(List<String> match, Optional<Path> cwdUnder, Optional<Path> exe, Optional<String> user,
                             Optional<Integer> port) {
        Optional<String> cwd = cwdUnder.map(p -> p.toAbsolutePath().normalize().toString());
        Optional<String> program = exe.map(p -> p.toAbsolutePath().normalize().toString());
        ProcessScope scope = scope(match, cwd, program, user, port);
        return new Subject(Type.PROCESSES, "processes " + scope.describe(), match, cwd, program, user, port);
    }

    ProcessScope scope() {
        return scope(match, cwdUnder, exe, user, port);
    }

    private static ProcessScope scope(List<String> match, Optional<String> cwd, Optional<String> exe,
                                      Optional<String> user, Optional<Integer> port) {
        return new ProcessScope(ProcessMatcher.compile(match), cwd.map(Path::of), exe.map(Path::of), user, port);
    }

    /** Whether a change to this subject may change {@code other}: the same processes, or paths one inside the other. */
    boolean overlaps(Subject other) {
        if (type == Type.PROCESSES || other.type == Type.PROCESSES) {
            return type == other.type;
        }
        Path mine = Path.of(path);
        Path theirs = Path.of(other.path);
        return mine.startsWith(theirs) || theirs.startsWith(mine);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        map.put("path", path);
        if (type == Type.PROCESSES) {
            map.put("match", match);
            cwdUnder.ifPresent(v -> map.put("cwd_under", v));
            exe.ifPresent(v -> map.put("exe", v));
            user.ifPresent(v -> map.put("user", v));
            port.ifPresent(v -> map.put("port", v));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static Subject fromMap(Map<String, Object> map) {
        Type type = Type.valueOf(String.valueOf(map.get("type")).toUpperCase(java.util.Locale.ROOT));
        return new Subject(type, String.valueOf(map.get("path")),
                map.get("match") instanceof List<?> list ? (List<String>) list : List.of(),
                Optional.ofNullable((String) map.get("cwd_under")), Optional.ofNullable((String) map.get("exe")),
                Optional.ofNullable((String) map.get("user")),
                Optional.ofNullable(map.get("port")).map(p -> ((Number) p).intValue()));
    }
}
