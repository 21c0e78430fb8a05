package dev.runbook.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes a report atomically (staged beside it, fsynced, renamed), and never over an earlier one:
 * a file already there is first moved aside as {@code NAME.~1~} (then {@code ~2~}, ...), the way
 * GNU tools keep numbered backups, so re-rendering a report loses nothing a person may have edited.
 * The file's mode is what the process's umask gives a new file (0644 under the usual 022).
 */
public final class ReportFiles {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private ReportFiles() {
    }

    /** Where the earlier file was kept, if there was one. */
    public static Optional<Path> write(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path staged = null;
        try {
            // Not Files.createTempFile: it makes the file 0600, and a report is for whoever reads the
            // folder, as any file this user writes there (the process's umask decides, like cp or >).
            FileChannel channel = null;
            while (channel == null) {
                staged = directory.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(
                        RANDOM.nextLong(), 36) + ".tmp");
                try {
                    channel = FileChannel.open(staged, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    staged = null;
                }
            }
            try (FileChannel writing = channel) {
                writing.write(StandardCharsets.UTF_8.encode(content));
                writing.force(true);
            }
            Optional<Path> kept = Optional.empty();
            if (Files.exists(absolute)) {
                Path aside = aside(absolute);
                Files.move(absolute, aside, StandardCopyOption.ATOMIC_MOVE);
                kept = Optional.of(aside);
            }
            Files.move(staged, absolute, StandardCopyOption.ATOMIC_MOVE);
            return kept;
        } finally {
            if (staged != null) {
                Files.deleteIfExists(staged);
            }
        }
    }

    private static Path aside(Path file) {
        for (int n = 1; ; n++) {
            Path candidate = file.resolveSibling(file.getFileName() + ".~" + n + "~");
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    /** GitHub Actions shows Markdown appended to the file named by GITHUB_STEP_SUMMARY on the job's page. */
    public static Optional<Path> appendStepSummary(java.util.Map<String, String> environment, String markdown)
            throws IOException {
        String file = environment.get("GITHUB_STEP_SUMMARY");
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        Path summary = Path.of(file);
        Files.writeString(summary, markdown.endsWith("\n") ? markdown : markdown + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return Optional.of(summary);
    }
}
