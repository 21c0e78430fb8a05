package dev.runbook.gate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/** A real git repository for the approval tests: code.py "v = 1" tagged pre, then "v = 2" on main. */
final class TaggedRepo {

    private TaggedRepo() {
    }

    static Path make(Path repo) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("code.py"), "v = 1\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setSign(false).call();
            git.tag().setName("pre").call();
            Files.writeString(repo.resolve("code.py"), "v = 2\n");
            git.commit().setAll(true).setMessage("two").setSign(false).call();
        }
        return repo;
    }
}
