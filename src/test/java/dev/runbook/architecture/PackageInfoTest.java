package dev.runbook.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package under src/main/java says, in its package-info.java, what it owns and what it may
 * use: a package added without one fails here, whoever adds it.
 */
class PackageInfoTest {

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void everyPackageHasAPackageInfoWithAParagraph() throws IOException {
        List<Path> packages = packages();
        assertThat(packages).as("packages under " + MAIN.toAbsolutePath()).hasSizeGreaterThan(10);
        List<String> lacking = packages.stream().filter(dir -> !described(dir)).map(MAIN::relativize)
                .map(Path::toString).toList();
        assertThat(lacking).as("packages without a package-info.java that describes them (a /** ... */ "
                + "paragraph on what the package owns and what it may use)").isEmpty();
    }

    @Test
    void aPackageWithoutOneIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path bare = Files.createDirectories(dir.resolve("dev/runbook/bare"));
        Files.writeString(bare.resolve("Thing.java"), "package dev.runbook.bare;\nfinal class Thing {}\n");
        Path empty = Files.createDirectories(dir.resolve("dev/runbook/empty"));
        Files.writeString(empty.resolve("Thing.java"), "package dev.runbook.empty;\nfinal class Thing {}\n");
        Files.writeString(empty.resolve("package-info.java"), "package dev.runbook.empty;\n");
        assertThat(described(bare)).isFalse();
        assertThat(described(empty)).isFalse();
    }

    /** Folders that hold Java sources, i.e. packages (dev and dev/runbook hold only folders). */
    private static List<Path> packages() throws IOException {
        try (Stream<Path> all = Files.walk(MAIN)) {
            return all.filter(Files::isDirectory).filter(PackageInfoTest::holdsSources).sorted().toList();
        }
    }

    private static boolean holdsSources(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A package-info.java whose doc comment has some words in it before the package line. */
    private static boolean described(Path dir) {
        Path info = dir.resolve("package-info.java");
        try {
            String text = Files.isRegularFile(info) ? Files.readString(info) : "";
            int start = text.indexOf("/**");
            int end = text.indexOf("*/");
            return start >= 0 && end > start
                    && text.substring(start + 3, end).replaceAll("[\\s*]+", " ").trim().split(" ").length >= 12;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
