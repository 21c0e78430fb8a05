package dev.runbook.git;

import dev.runbook.action.ActionException;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Arguments;
import dev.runbook.action.Cancellation;
import dev.runbook.action.Implementations;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.RunScope;
import dev.runbook.action.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real repository in a temp folder, built with JGit, and a way to call the git actions on it. */
final class GitFixture implements AutoCloseable {

    final Path root;
    final Path work;
    final Path forensics;
    final Git git;

    GitFixture(Path root) throws GitAPIException {
        this.root = root;
        this.work = root.resolve("repo");
        this.forensics = root.resolve("state/runs/r1/forensics");
        this.git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
    }

    Path write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    String read(String path) throws IOException {
        return Files.readString(work.resolve(path));
    }

    /** Writes the files (path, content pairs), stages everything and commits. */
    RevCommit commit(String message, String... pathsAndContents) throws Exception {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            write(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("Ana Ruiz", "ana@example.org");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    StepContext context(String action, Map<String, Object> args) {
        return new StepContext("step", new Arguments(ActionRegistry.builtIn().find(action).orElseThrow(), args),
                false, root, root.resolve("step.log"), Optional.empty(), new Cancellation(), q -> false,
                RunScope.unjournaled("r1", forensics));
    }

    Outcome run(String action, Map<String, Object> args) throws ActionException {
        return Implementations.builtIn().find(action).orElseThrow().run(context(action, withRepo(args)));
    }

    Preview preview(String action, Map<String, Object> args) throws ActionException {
        return Implementations.builtIn().find(action).orElseThrow().preview(context(action, withRepo(args)));
    }

    private static Map<String, Object> withRepo(Map<String, Object> args) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(args);
        all.putIfAbsent("repo", "repo");
        return all;
    }

    String head() throws IOException {
        return git.getRepository().resolve("HEAD").name();
    }

    String branch() throws IOException {
        return git.getRepository().getBranch();
    }

    @Override
    public void close() {
        git.close();
    }
}
