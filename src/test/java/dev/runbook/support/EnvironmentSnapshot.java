package dev.runbook.support;

import dev.runbook.process.ProcessInfo;
import dev.runbook.process.ProcessMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Everything a run could change in an example environment, for before/after comparisons: the
 * SHA-256 of every file under the root (databases included, byte for byte; symbolic links by
 * target), git HEAD and branch of each repository found (read with JGit; .git internals are not
 * hashed, since reading status may refresh the index), and the processes whose command lines
 * match the given patterns. {@link #differences} names each change, so a failed assertion says what moved.
 */
public record EnvironmentSnapshot(Map<String, String> files, Map<String, String> gitHeads, List<String> processes) {

    public static EnvironmentSnapshot take(Path root, List<String> processPatterns) {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> heads = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.getFileName() != null && dir.getFileName().toString().equals(".git")) {
                        heads.put(relative(root, dir.getParent()), head(dir.getParent()));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    files.put(relative(root, file), attrs.isSymbolicLink()
                            ? "-> " + Files.readSymbolicLink(file) : sha256(file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> processes = new ArrayList<>();
        for (ProcessInfo p : ProcessMatcher.matching(ProcessMatcher.compile(processPatterns))) {
            processes.add(p.pid() + " " + p.commandLine());
        }
        return new EnvironmentSnapshot(files, heads, processes);
    }

    /** One line per difference: "changed X", "added X", "removed X", "git HEAD of R: a -> b", processes. */
    public List<String> differences(EnvironmentSnapshot after) {
        List<String> found = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(files.keySet());
        paths.addAll(after.files.keySet());
        for (String path : paths) {
            String before = files.get(path);
            String now = after.files.get(path);
            if (before == null) {
                found.add("added " + path);
            } else if (now == null) {
                found.add("removed " + path);
            } else if (!before.equals(now)) {
                found.add("changed " + path);
            }
        }
        TreeSet<String> repos = new TreeSet<>(gitHeads.keySet());
        repos.addAll(after.gitHeads.keySet());
        for (String repo : repos) {
            if (!Objects.equals(gitHeads.get(repo), after.gitHeads.get(repo))) {
                found.add("git HEAD of '" + repo + "': " + gitHeads.get(repo) + " -> " + after.gitHeads.get(repo));
            }
        }
        if (!processes.equals(after.processes)) {
            found.add("processes: " + processes + " -> " + after.processes);
        }
        return found;
    }

    private static String head(Path worktree) {
        try (Git git = Git.open(worktree.toFile())) {
            ObjectId id = git.getRepository().resolve("HEAD");
            return git.getRepository().getFullBranch() + " " + (id == null ? "(no commit)" : id.getName());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String relative(Path root, Path path) {
        String name = root.relativize(path).toString();
        return name.isEmpty() ? "." : name;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
