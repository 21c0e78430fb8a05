package dev.runbook.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Keeps uncommitted work before an operation destroys it: a copy in the run's forensics folder,
 * {@code git-<step>/worktree/PATH} for the files as they were and {@code git-<step>/index/PATH} for
 * staged versions, with STATUS.txt saying what each was. Everything is fsynced before the caller
 * goes on, since the originals are about to be overwritten.
 */
public final class DirtySaver {

    private DirtySaver() {
    }

    /** Who saves: the step (its id and file name) of which run, and the run's forensics folder. */
    public record Saver(String stepId, String stepFileName, String runId, Path forensicsDir) {
    }

    public static Path save(GitRepo repo, DirtyWork work, Saver saver, String operation) throws GitException {
        Path folder = freshFolder(saver.forensicsDir(), "git-" + saver.stepFileName());
        try {
            DirCache index = repo.repository().readDirCache();
            for (String path : work.atRisk()) {
                Path file = repo.workTree().resolve(path);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(file,
                        LinkOption.NOFOLLOW_LINKS)) {
                    copy(file, folder.resolve("worktree").resolve(path));
                }
                DirCacheEntry staged = index.getEntry(path);
                if (staged != null && work.state().porcelain().stream().anyMatch(l -> l.substring(3).equals(path)
                        && (l.charAt(0) == 'A' || l.charAt(0) == 'M'))) {
                    Path target = folder.resolve("index").resolve(path);
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        repo.repository().open(staged.getObjectId()).copyTo(out);
                    }
                    fsync(target);
                }
            }
            Path status = folder.resolve("STATUS.txt");
            Files.writeString(status, report(repo, work, saver, operation), StandardCharsets.UTF_8);
            fsync(status);
        } catch (IOException e) {
            throw GitException.refused("cannot save uncommitted work into " + folder + " (nothing was changed): "
                    + e.getMessage(), e);
        }
        return folder;
    }

    /**
     * After saving, puts the at-risk paths back to HEAD so a checkout can proceed without
     * conflicts: tracked paths are checked out from HEAD, files HEAD does not have are unstaged
     * and removed (their copies are in the forensics folder).
     */
    public static void clear(GitRepo repo, DirtyWork work, RevCommit head) throws GitException {
        java.util.Set<String> inHead = Trees.files(repo.repository(), head);
        List<String> fromHead = new ArrayList<>();
        try {
            for (String path : work.atRisk()) {
                if (inHead.contains(path)) {
                    fromHead.add(path);
                    continue;
                }
                if (repo.repository().readDirCache().getEntry(path) != null) {
                    repo.git().rm().setCached(true).addFilepattern(path).call();
                }
                Files.deleteIfExists(repo.workTree().resolve(path));
            }
            if (!fromHead.isEmpty()) {
                repo.git().checkout().setStartPoint(head).addPaths(fromHead).call();
            }
        } catch (GitAPIException | IOException e) {
            throw new GitException("saved the uncommitted work, but could not set it aside: " + e.getMessage(), e);
        }
    }

    private static String report(GitRepo repo, DirtyWork work, Saver saver, String operation)
            throws GitException {
        StringBuilder text = new StringBuilder();
        text.append("Uncommitted work saved by step ").append(saver.stepId()).append(" of run ")
                .append(saver.runId()).append(" at ").append(Instant.now()).append('\n')
                .append("before: ").append(operation).append('\n')
                .append("repository: ").append(repo.workTree()).append('\n')
                .append("HEAD was: ").append(repo.head().name())
                .append(repo.branch().map(b -> " (branch " + b + ")").orElse(" (detached)")).append("\n\n")
                .append("Status (index, work tree, path). worktree/ holds the files as they were; index/ the staged "
                        + "versions of paths marked A or M in the first column; D means deleted.\n");
        work.lines().forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        if (!Files.isSymbolicLink(to)) {
            fsync(to);
        }
    }

    public static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A new folder, never one a retry or an earlier step already filled. */
    private static Path freshFolder(Path parent, String name) throws GitException {
        try {
            Files.createDirectories(parent);
            for (int n = 1; ; n++) {
                Path candidate = parent.resolve(n == 1 ? name : name + "-" + n);
                try {
                    return Files.createDirectory(candidate);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // try the next name
                }
            }
        } catch (IOException e) {
            throw new GitException("cannot create a folder in " + parent + " to save uncommitted work: "
                    + e.getMessage(), e);
        }
    }
}
