package dev.runbook.action;

import dev.runbook.template.Masker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The copying half of forensics.collect and its index: MANIFEST.txt has one line per piece of
 * evidence, its short name in the folder and where it came from (the absolute path, or the
 * command), and what was missing or unreadable; SHA256SUMS lets {@code sha256sum -c} check the
 * copies later. Both are appended to, so several collections into one folder keep one record.
 */
final class ForensicsCopy {

    static final String MANIFEST = "MANIFEST.txt";
    static final String SUMS = "SHA256SUMS";

    private final Path to;
    private final Path workDir;
    private final List<String> manifest = new ArrayList<>();
    private final List<String> sums = new ArrayList<>();
    /** Every file and folder this collection wrote: made durable together by {@link #finish}. */
    private final List<Path> written = new ArrayList<>();

    private final Masker masker;

    /** {@code masker}: the run's secrets, masked in the manifest (commands' argv, paths, errors). */
    ForensicsCopy(Path to, Path workDir, Masker masker) {
        this.masker = masker;
        this.to = to.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
    }

    /**
     * The short name a source is kept under at the folder's top: its own file name
     * ({@code tmws.db.failed-phase4}, {@code versions}), never its path mirrored from the root; the
     * index says where it came from. A name already taken gets a number ({@link #freshName}).
     */
    static String shortName(Path workDir, Path source) {
        Path absolute = workDir.toAbsolutePath().resolve(source).normalize();
        Path name = absolute.getFileName();
        return name == null ? "root" : name.toString();
    }

    /** A command's output file name: one plain name, never a path out of the folder. */
    static String fileName(String name) throws ActionException {
        if (name.isBlank() || name.contains("/") || name.contains("\0") || name.equals(".") || name.equals("..")) {
            throw new ActionException("command output name '" + name + "' must be a plain file name (no '/', "
                    + "not '.' or '..')");
        }
        return name;
    }

    void header(String line) {
        manifest.add("# " + line);
    }

    /** A name in the folder nothing holds yet: NAME, else NAME.2, NAME.3, ... */
    Path freshName(Path relative) throws IOException {
        Path base = to.resolve(relative.toString());
        dev.runbook.files.Durable.createDirectories(base.getParent());
        written.add(base.getParent()); // it names what goes into it
        Path candidate = base;
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) || candidate.equals(to.resolve(MANIFEST))
                || candidate.equals(to.resolve(SUMS)); n++) {
            candidate = Path.of(base + "." + n);
        }
        return candidate;
    }

    Path freshName(String name) throws IOException {
        return freshName(Path.of(name));
    }

    /** Copies a file or folder; false (and a manifest line) when it does not exist. */
    boolean copy(String given, Path source) throws IOException {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            manifest.add("missing   " + given);
            return false;
        }
        Path dest = freshName(shortName(workDir, source));
        long[] counts = new long[2];
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.toAbsolutePath().normalize().equals(to)) {
                    return FileVisitResult.SKIP_SUBTREE; // collecting a folder that holds the forensics folder
                }
                Path made = dest.resolve(source.relativize(dir).toString());
                Files.createDirectories(made);
                written.add(made);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = dest.resolve(source.relativize(file).toString());
                try {
                    Files.copy(file, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    manifest.add("unreadable " + file + ": " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    written.add(target);
                }
                counts[0]++;
                counts[1] += attrs.size();
                if (attrs.isRegularFile()) {
                    sum(target);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                manifest.add("unreadable " + file + ": " + e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
        manifest.add("copied    " + to.relativize(dest) + " <- " + source.toAbsolutePath().normalize() + " (" + counts[0]
                + " file(s), " + counts[1] + " bytes)");
        return true;
    }

    void command(Path file, String argv, String result) throws IOException {
        manifest.add("command   " + to.relativize(file) + " <- " + argv + " (" + result + ", " + Files.size(file)
                + " bytes)");
        sum(file);
        written.add(file);
    }

    /** Appends this collection to MANIFEST.txt and SHA256SUMS. */
    void finish() throws IOException {
        append(to.resolve(MANIFEST), manifest.stream().map(masker::mask).toList());
        append(to.resolve(SUMS), sums);
        // Evidence that a crash can take back is not evidence: the copies, the records and every
        // folder that names them are flushed before the step reports success.
        for (Path record : List.of(to.resolve(MANIFEST), to.resolve(SUMS))) {
            if (Files.exists(record)) {
                written.add(record);
            }
        }
        written.add(to);
        dev.runbook.files.Durable.syncAll(to, written);
    }

    private void sum(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        String name = to.relativize(file).toString();
        boolean escape = name.contains("\\") || name.contains("\n");
        // GNU sha256sum marks an escaped name with a leading backslash.
        sums.add((escape ? "\\" : "") + HexFormat.of().formatHex(digest.digest()) + "  "
                + (escape ? name.replace("\\", "\\\\").replace("\n", "\\n") : name));
    }

    private static void append(Path file, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
