package dev.runbook.support;

import dev.runbook.action.ActionRegistry;
import dev.runbook.source.Problem;
import dev.runbook.parse.RunbookSource;
import dev.runbook.validate.CheckedRunbook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fixture runbooks under src/test/resources/runbooks and the shipped ones under runbooks/.
 * An invalid fixture states what it expects in its leading comments:
 * <pre>
 * # expect: 8:5: unknown key 'timout' in step 'a'
 * #   hint: did you mean 'timeout'?
 * # schema: rejects
 * </pre>
 */
public final class Fixtures {

    public static final Path ROOT = Path.of("src/test/resources/runbooks");
    public static final Path SHIPPED = Path.of("runbooks");

    private Fixtures() {
    }

    public static List<Path> valid() {
        return list(ROOT.resolve("valid"));
    }

    public static List<Path> invalid() {
        return list(ROOT.resolve("invalid"));
    }

    public static List<Path> shipped() {
        return list(SHIPPED);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CheckedRunbook check(Path file) {
        return CheckedRunbook.of(new RunbookSource(file.getFileName().toString(), read(file)), ActionRegistry.builtIn());
    }

    /** The expected problems, as {@link #render} writes them. */
    public static List<String> expected(Path file) {
        List<String> lines = new ArrayList<>();
        for (String line : read(file).split("\n", -1)) {
            if (line.startsWith("# expect: ")) {
                lines.add(line.substring("# expect: ".length()));
            } else if (line.startsWith("#   hint: ")) {
                lines.add("  hint: " + line.substring("#   hint: ".length()));
            }
        }
        return lines;
    }

    /** "rejects" or "accepts": what the fixture says the JSON Schema does with it. */
    public static String schemaVerdict(Path file) {
        for (String line : read(file).split("\n", -1)) {
            if (line.startsWith("# schema: ")) {
                return line.substring("# schema: ".length()).trim();
            }
        }
        return "";
    }

    /** {@code LINE:COL: message}, then {@code   hint: ...} when there is one. */
    public static List<String> render(List<Problem> problems) {
        List<String> lines = new ArrayList<>();
        for (Problem problem : problems) {
            lines.add(problem.location().line() + ":" + problem.location().column() + ": " + problem.message());
            if (problem.hasHint()) {
                lines.add("  hint: " + problem.hint());
            }
        }
        return lines;
    }
}
