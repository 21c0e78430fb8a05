package dev.runbook.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Where a repository's HEAD is: the commit and the branch (empty when detached), read with JGit
 * and nothing else of this project, so any layer can ask (failure reports do) without action types.
 * The repository is the one whose work tree is {@code dir} or contains it, as git finds it;
 * the environment ({@code GIT_DIR}) is not read, so the answer is about the folder named.
 */
public record Head(String commit, Optional<String> branch) {

    /**
     * HEAD of the repository at or above {@code dir}; empty when it has no commit yet.
     *
     * @throws RepositoryNotFoundException when {@code dir} is no folder or has no repository there or above
     * @throws IOException when the repository cannot be read
     */
    public static Optional<Head> read(Path dir) throws IOException {
        GitSystemConfig.pin();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (!Files.isDirectory(dir) || builder.getGitDir() == null) {
            throw new RepositoryNotFoundException(dir.toFile());
        }
        try (Repository repository = builder.setMustExist(true).build()) {
            ObjectId commit = repository.resolve(Constants.HEAD);
            if (commit == null) {
                return Optional.empty();
            }
            Ref head = repository.exactRef(Constants.HEAD);
            Optional<String> branch = head != null && head.isSymbolic()
                    ? Optional.of(Repository.shortenRefName(head.getTarget().getName())) : Optional.empty();
            return Optional.of(new Head(commit.name(), branch));
        } catch (IllegalArgumentException e) {
            // JGit's way of saying a found .git is not a usable repository (e.g. a broken gitdir file)
            throw new IOException("cannot open the repository at " + dir + ": " + e.getMessage(), e);
        }
    }
}
