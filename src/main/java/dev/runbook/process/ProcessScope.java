package dev.runbook.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What makes a process the application's, as {@code process.stop} narrows it: every criterion
 * given must hold (they narrow one another). {@code patterns}: a command-line regex, any of them
 * found ({@code pgrep -f}); {@code cwdUnder}: its working directory is this folder or under it;
 * {@code executable}: its program ({@code /proc/PID/exe}, or its first argument made absolute) is
 * this file or under this folder; {@code user}: its owner, by name or uid; {@code port}: it listens
 * on this TCP port. Empty criteria are not applied; {@link #selects()} says whether any criterion
 * picks processes at all (a user alone would be every process of theirs).
 */
public record ProcessScope(List<Pattern> patterns, Optional<Path> cwdUnder, Optional<Path> executable,
                           Optional<String> user, Optional<Integer> port) {

    public ProcessScope {
        patterns = List.copyOf(patterns);
    }

    public static ProcessScope matching(List<Pattern> patterns) {
        return new ProcessScope(patterns, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** No criterion at all: every process (used with a pidfile, which names its one process itself). */
    public static ProcessScope any() {
        return matching(List.of());
    }

    public boolean selects() {
        return !patterns.isEmpty() || cwdUnder.isPresent() || executable.isPresent() || port.isPresent();
    }

    /** {@code matching python.*tmws, with its working directory under /opt/tmws} */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!patterns.isEmpty()) {
            parts.add("matching " + String.join(", ", patterns.stream().map(Pattern::pattern).toList()));
        }
        cwdUnder.ifPresent(dir -> parts.add("with its working directory under " + dir));
        executable.ifPresent(exe -> parts.add("running " + exe));
        user.ifPresent(name -> parts.add("owned by " + name));
        port.ifPresent(number -> parts.add("listening on port " + number));
        return parts.isEmpty() ? "any process" : String.join(", ", parts);
    }
}
