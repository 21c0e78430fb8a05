package dev.runbook.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.internal.storage.file.LockFile;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * HEAD, its branch, the index and the files a reset or checkout moves, as they were before it:
 * JGit moves HEAD first and then writes the index and the work tree, so a file it cannot replace
 * (immutable, a folder in its way, a full disk) left HEAD moved over a half-updated tree. When the
 * move fails, {@link #putBack} writes all of it back and says whether that worked, checked against
 * the status taken here. The files are put back from the commit HEAD was on: the move only touches
 * paths that were clean (others make it refuse, or were saved and set aside first).
 */
public final class Snapshot {

    /** Whether everything is as it was; {@code detail} says what is not, for the step's error. */
    public record PutBack(boolean whole, String detail) {
    }

    private final Repository repository;
    private final Optional<String> branch;
    private final RevCommit head;
    private final byte[] index;
    private final Set<String> moved;
    private final Map<String, byte[]> uncommitted;
    private final List<String> status;

    private Snapshot(Repository repository, Optional<String> branch, RevCommit head, byte[] index, Set<String> moved,
                     Map<String, byte[]> uncommitted, List<String> status) {
        this.repository = repository;
        this.branch = branch;
        this.head = head;
        this.index = index;
        this.moved = moved;
        this.uncommitted = uncommitted;
        this.status = status;
    }

    /** {@code touchesFiles}: whether the move writes the work tree (not for soft and mixed resets). */
    public static Snapshot take(GitRepo repo, Move move, boolean touchesFiles) throws GitException {
        Path indexFile = repo.repository().getIndexFile().toPath();
        try {
            byte[] index = Files.exists(indexFile) ? Files.readAllBytes(indexFile) : null;
            WorkState state = WorkState.of(repo);
            Set<String> moved = new TreeSet<>();
            Map<String, byte[]> uncommitted = new TreeMap<>();
            if (touchesFiles) {
                moved.addAll(Trees.paths(move.files()));
                // A hard reset also rewrites uncommitted files (saved by save_dirty, or refused):
                // their bytes are kept here to put back, not HEAD's.
                Set<String> target = Trees.files(repo.repository(), move.to());
                for (String path : state.tracked()) {
                    keepBytes(repo, path, moved, uncommitted);
                }
                for (String path : state.untracked()) {
                    if (target.contains(path)) {
                        keepBytes(repo, path, moved, uncommitted);
                    }
                }
            }
            return new Snapshot(repo.repository(), repo.branch(), move.from(), index, moved, uncommitted,
                    state.porcelain());
        } catch (IOException e) {
            throw new GitException("cannot read the index " + indexFile + " before moving HEAD: " + e.getMessage(), e);
        }
    }

    private static void keepBytes(GitRepo repo, String path, Set<String> moved, Map<String, byte[]> uncommitted)
            throws IOException {
        Path file = repo.workTree().resolve(path);
        moved.add(path);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            uncommitted.put(path, Files.readAllBytes(file));
        }
    }

    /** Writes everything back; {@code createdBranch} (made by the failed checkout) is deleted. */
    public PutBack putBack(GitRepo repo, Optional<String> createdBranch) {
        List<String> problems = new ArrayList<>();
        try {
            refs(createdBranch);
        } catch (IOException e) {
            problems.add("HEAD: " + e.getMessage());
        }
        for (String path : moved) {
            try {
                file(path);
            } catch (IOException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
        try {
            index();
        } catch (IOException e) {
            problems.add("index: " + e.getMessage());
        }
        problems.addAll(differences(repo, createdBranch));
        return new PutBack(problems.isEmpty(), String.join("; ", problems));
    }

    private void refs(Optional<String> createdBranch) throws IOException {
        if (branch.isPresent()) {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch.get());
            update.setNewObjectId(head);
            update.setForceUpdate(true);
            check(update.forceUpdate(), "branch " + branch.get());
            check(repository.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch.get()), "HEAD");
        } else {
            RefUpdate update = repository.updateRef(Constants.HEAD, true);
            update.setNewObjectId(head);
            update.setForceUpdate(true);
            check(update.forceUpdate(), "HEAD");
        }
        if (createdBranch.isPresent() && repository.exactRef(Constants.R_HEADS + createdBranch.get()) != null) {
            RefUpdate delete = repository.updateRef(Constants.R_HEADS + createdBranch.get());
            delete.setForceUpdate(true);
            check(delete.delete(), "branch " + createdBranch.get());
        }
    }

    private static void check(RefUpdate.Result result, String what) throws IOException {
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE, RENAMED -> {
            }
            default -> throw new IOException("cannot set " + what + " back (" + result + ")");
        }
    }

    /** The path as HEAD had it: its blob (mode, bytes, or a symlink), or absent. Unchanged files are not written. */
    private void file(String path) throws IOException {
        Path file = repository.getWorkTree().toPath().resolve(path);
        if (uncommitted.containsKey(path)) {
            write(file, uncommitted.get(path));
            return;
        }
        try (TreeWalk walk = TreeWalk.forPath(repository, path, head.getTree())) {
            if (walk == null) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
                    Files.delete(file);
                }
                return;
            }
            FileMode mode = walk.getFileMode(0);
            byte[] bytes = repository.open(walk.getObjectId(0)).getBytes();
            if (mode == FileMode.SYMLINK) {
                Path target = Path.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                if (!Files.isSymbolicLink(file) || !Files.readSymbolicLink(file).equals(target)) {
                    Files.createDirectories(file.getParent());
                    Files.deleteIfExists(file);
                    Files.createSymbolicLink(file, target);
                }
                return;
            }
            write(file, bytes);
            boolean executable = mode == FileMode.EXECUTABLE_FILE;
            if (file.toFile().canExecute() != executable) {
                file.toFile().setExecutable(executable, false);
            }
        }
    }

    /** Writes the bytes unless the file holds them already (an immutable file that stopped the move does). */
    private static void write(Path file, byte[] bytes) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
            Files.createDirectories(file.getParent());
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("a folder is in the way");
            }
            Files.deleteIfExists(file);
            Files.write(file, bytes);
        }
    }

    private void index() throws IOException {
        File indexFile = repository.getIndexFile();
        if (index == null) {
            Files.deleteIfExists(indexFile.toPath());
            return;
        }
        if (indexFile.exists() && Arrays.equals(Files.readAllBytes(indexFile.toPath()), index)) {
            return;
        }
        LockFile lock = new LockFile(indexFile);
        if (!lock.lock()) {
            throw new IOException("cannot lock " + indexFile);
        }
        try {
            lock.write(index);
            if (!lock.commit()) {
                throw new IOException("cannot replace " + indexFile);
            }
        } finally {
            lock.unlock();
        }
    }

    /** What still differs from the snapshot after the put-back. */
    private List<String> differences(GitRepo repo, Optional<String> createdBranch) {
        List<String> left = new ArrayList<>();
        try {
            if (!repo.head().equals(head) || !repo.branch().equals(branch)) {
                left.add("HEAD is " + repo.head().name() + repo.branch().map(b -> " on " + b).orElse(" (detached)"));
            }
            if (createdBranch.isPresent() && repository.exactRef(Constants.R_HEADS + createdBranch.get()) != null) {
                left.add("branch " + createdBranch.get() + " still exists");
            }
            List<String> now = WorkState.of(repo).porcelain();
            if (!now.equals(status)) {
                left.add("status is " + now + ", was " + status);
            }
        } catch (GitException | IOException e) {
            left.add("cannot read the repository back: " + e.getMessage());
        }
        return left;
    }

    /** The index's paths whose blob or mode differ from {@code commit}'s tree (the index must equal it). */
    public static List<String> indexDiffers(Repository repository, RevCommit commit) throws IOException {
        List<String> paths = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.addTree(new org.eclipse.jgit.dircache.DirCacheIterator(repository.readDirCache()));
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (walk.next()) {
                paths.add(walk.getPathString());
            }
        }
        return paths;
    }
}
