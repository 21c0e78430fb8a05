package dev.runbook.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a program the way execvp will: a name with a slash is a path (relative to the working
 * directory), any other name is looked up in PATH, the command's own PATH if it sets one.
 * process.start checks this before detaching, because once setsid runs a missing program only
 * shows as an exit code 127 in a log.
 */
final class Executables {

    private Executables() {
    }

    static Optional<String> find(String program, Path cwd, Map<String, String> env) {
        if (program.contains("/")) {
            Path path = cwd == null ? Path.of(program) : cwd.resolve(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(program) : Optional.empty();
        }
        String searchPath = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    static void require(String program, Path cwd, Map<String, String> env) throws IOException {
        if (find(program, cwd, env).isEmpty()) {
            throw new IOException("cannot run " + program + ": " + (program.contains("/") ? "no such executable file"
                    : "not found in PATH"));
        }
    }
}
