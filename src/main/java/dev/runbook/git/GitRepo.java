package dev.runbook.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One repository opened for one step: finding it from the step's {@code repo}, resolving refs
 * the way git does ({@code tags/x}, {@code HEAD~1}, abbreviated hashes) with errors that list
 * what exists, and the stale {@code index.lock} refusal every changing action starts with.
 */
public final class GitRepo implements AutoCloseable {

    private final Repository repository;
    private final Git git;
    private final Path workTree;

    private GitRepo(Repository repository) {
        this.repository = repository;
        this.git = new Git(repository);
        this.workTree = repository.getWorkTree().toPath();
    }

    public static GitRepo open(Path dir) throws GitException {
        if (!Files.isDirectory(dir)) {
            throw GitException.refused("repo " + dir + " is not a directory; set 'repo' to the work tree of the "
                    + "repository");
        }
        GitSystemConfig.pin();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            throw GitException.refused("not a git repository: " + dir + " (no .git there or above); set 'repo' to "
                    + "the repository's work tree");
        }
        try {
            Repository repository = builder.setMustExist(true).build();
            if (repository.isBare()) {
                repository.close();
                throw GitException.refused("repository " + builder.getGitDir() + " is bare: it has no work tree");
            }
            return new GitRepo(repository);
        } catch (IOException e) {
            throw new GitException("cannot open the repository at " + dir + ": " + e.getMessage(), e);
        }
    }

    public Repository repository() {
        return repository;
    }

    public Git git() {
        return git;
    }

    public Path workTree() {
        return workTree;
    }

    /**
     * A leftover {@code index.lock} means another git process is running or one crashed: writing
     * the index now could corrupt it, so the action refuses and says how old the lock is.
     */
    public void refuseWhenLocked() throws GitException {
        Path lock = repository.getDirectory().toPath().resolve("index.lock");
        if (!Files.exists(lock)) {
            return;
        }
        String age = "";
        try {
            FileTime modified = Files.getLastModifiedTime(lock);
            age = ", last modified " + Duration.between(modified.toInstant(), Instant.now()).toSeconds() + " s ago";
        } catch (IOException e) {
            // age is only a hint
        }
        throw GitException.refused("the index is locked: " + lock + " exists" + age + ". Another git process is "
                + "running, or one crashed; if none is running, remove the lock and run again");
    }

    /** The commit a ref names: a branch, tag (annotated or not), hash, or HEAD~N style expression. */
    public RevCommit commit(String ref) throws GitException {
        ObjectId id;
        try {
            id = repository.resolve(ref + "^{commit}");
        } catch (RevisionSyntaxException | IOException e) {
            id = null;
        }
        if (id == null) {
            throw GitException.refused("unknown revision '" + ref + "' in " + workTree + " (tags: " + names(
                    Constants.R_TAGS) + "; branches: " + names(Constants.R_HEADS) + ")");
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new GitException("cannot read commit " + id.name() + ": " + e.getMessage(), e);
        }
    }

    /** The commit HEAD points to; a repository without commits has nothing to work from. */
    public RevCommit head() throws GitException {
        try {
            if (repository.resolve(Constants.HEAD) == null) {
                throw new GitException("the repository at " + workTree + " has no commits yet");
            }
        } catch (IOException e) {
            throw new GitException("cannot read HEAD: " + e.getMessage(), e);
        }
        return commit(Constants.HEAD);
    }

    /** The current branch's short name, or empty when HEAD is detached. */
    public java.util.Optional<String> branch() throws GitException {
        try {
            Ref head = repository.exactRef(Constants.HEAD);
            return head != null && head.isSymbolic()
                    ? java.util.Optional.of(Repository.shortenRefName(head.getTarget().getName()))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            throw new GitException("cannot read HEAD: " + e.getMessage(), e);
        }
    }

    private String names(String prefix) {
        try {
            List<String> names = repository.getRefDatabase().getRefsByPrefix(prefix).stream()
                    .map(r -> r.getName().substring(prefix.length())).limit(10).toList();
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public void close() {
        git.close();
        repository.close();
    }
}
