package dev.runbook.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git.checkout on real repositories: the seed's tag rollback, branches, refusals, save_dirty. */
class GitCheckoutTest {

    @TempDir
    Path dir;

    private GitFixture repo;
    private GitHistory history;

    @BeforeEach
    void setUp() throws Exception {
        repo = new GitFixture(dir);
        history = new GitHistory(repo);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void aTagIsCheckedOutAsADetachedHead() throws Exception {
        Outcome outcome = repo.run("git.checkout", Map.of("ref", "tags/pre-phase4"));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.outputs()).containsEntry("before", history.c4.name())
                .containsEntry("after", history.c2.name()).containsEntry("saved", "");
        assertThat(repo.branch()).isEqualTo(history.c2.name()); // detached: JGit names the commit
        assertThat(repo.read("app.py")).isEqualTo("v2\n");
        assertThat(repo.work.resolve(GitHistory.SERVICE)).doesNotExist();
    }

    @Test
    void aNewBranchCanBeCreatedAtTheTagAndABranchNameAttachesHead() throws Exception {
        assertThat(repo.run("git.checkout", Map.of("ref", "tags/pre-phase4", "create_branch", "rollback-phase4"))
                .ok()).isTrue();
        assertThat(repo.branch()).isEqualTo("rollback-phase4");
        assertThat(repo.head()).isEqualTo(history.c2.name());

        assertThat(repo.run("git.checkout", Map.of("ref", "main")).ok()).isTrue();
        assertThat(repo.branch()).isEqualTo("main");
        assertThat(repo.read("app.py")).isEqualTo("v4\n");
    }

    @Test
    void anExistingBranchIsNeverMovedByCreateBranch() throws Exception {
        repo.git.branchCreate().setName("rollback-phase4").setStartPoint(history.c3).call();

        assertThatThrownBy(() -> repo.run("git.checkout", Map.of("ref", "pre-phase4", "create_branch",
                "rollback-phase4"))).hasMessage("branch rollback-phase4 already exists at "
                + history.c3.abbreviate(7).name() + " Phase 4: verification (Ana Ruiz); choose another create_branch "
                + "name, or check out that branch as ref");
        assertThat(repo.git.getRepository().resolve("rollback-phase4")).isEqualTo((ObjectId) history.c3);
        assertThat(repo.branch()).isEqualTo("main");
    }

    @Test
    void changesToFilesTheCheckoutDoesNotTouchCarryOver() throws Exception {
        repo.write("README", "edited readme\n");
        repo.write("notes.txt", "untracked\n");

        assertThat(repo.run("git.checkout", Map.of("ref", "pre-phase4")).ok()).isTrue();
        assertThat(repo.read("README")).isEqualTo("edited readme\n");
        assertThat(repo.read("notes.txt")).isEqualTo("untracked\n");
        assertThat(repo.read("app.py")).isEqualTo("v2\n");
    }

    @Test
    void refusesWhenAChangedOrUntrackedFileWouldBeOverwritten() throws Exception {
        repo.write("app.py", "my unsaved edit\n");
        repo.write("old.txt", "untracked, but pre-phase4 has old.txt\n");

        assertThatThrownBy(() -> repo.run("git.checkout", Map.of("ref", "pre-phase4")))
                .hasMessage("refusing to check out pre-phase4: 2 uncommitted paths would be lost:  M app.py, ?? old.txt. "
                        + "Commit or stash them, or set save_dirty: true to copy them into the run's forensics "
                        + "folder first");
        assertThat(repo.head()).isEqualTo(history.c4.name());
        assertThat(repo.read("app.py")).isEqualTo("my unsaved edit\n");
    }

    @Test
    void saveDirtyKeepsTheWorkInTheForensicsFolderAndChecksOut() throws Exception {
        repo.write("app.py", "my unsaved edit\n");
        repo.write("old.txt", "untracked in the way\n");
        repo.write("README", "edited readme\n");
        repo.write(GitHistory.SERVICE, "edited service\n");
        repo.git.add().addFilepattern(GitHistory.SERVICE).call();

        Outcome outcome = repo.run("git.checkout", Map.of("ref", "pre-phase4", "save_dirty", "true"));

        Path saved = repo.forensics.resolve("git-step");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.outputs()).containsEntry("saved", saved.toString());
        assertThat(Files.readString(saved.resolve("worktree/app.py"))).isEqualTo("my unsaved edit\n");
        assertThat(Files.readString(saved.resolve("worktree/old.txt"))).isEqualTo("untracked in the way\n");
        assertThat(Files.readString(saved.resolve("index/" + GitHistory.SERVICE))).isEqualTo("edited service\n");
        assertThat(saved.resolve("worktree/README")).doesNotExist();
        assertThat(repo.head()).isEqualTo(history.c2.name());
        assertThat(repo.read("app.py")).isEqualTo("v2\n");
        assertThat(repo.read("old.txt")).isEqualTo("old\n");
        assertThat(repo.read("README")).isEqualTo("edited readme\n");
        assertThat(repo.work.resolve(GitHistory.SERVICE)).doesNotExist();
    }

    @Test
    void previewListsTheCommitsLeftAndTheFilesThatWouldChange() throws Exception {
        repo.run("git.checkout", Map.of("ref", "pre-phase4", "create_branch", "rollback"));
        Preview preview = repo.preview("git.checkout", Map.of("ref", "main"));

        String c3 = history.c3.abbreviate(7).name();
        String c4 = history.c4.abbreviate(7).name();
        assertThat(String.join("\n", preview.effects())).isEqualTo("""
                would check out %s Phase 4: fixes (Ana Ruiz) as branch main
                2 commit(s) not in HEAD now would be reached:
                  + %s Phase 4: fixes (Ana Ruiz)
                  + %s Phase 4: verification (Ana Ruiz)
                4 file(s) in the work tree would change:
                  M app.py
                  D old.txt
                  M src/domain/value_objects/tool_category.py
                  A src/services/verification_service.py""".formatted(c4, c4, c3));
        assertThat(repo.branch()).isEqualTo("rollback");
    }

    @Test
    void aStaleIndexLockIsAClearRefusal() throws Exception {
        Files.writeString(repo.work.resolve(".git/index.lock"), "");
        assertThatThrownBy(() -> repo.run("git.checkout", Map.of("ref", "pre-phase4")))
                .hasMessageStartingWith("the index is locked: ");
        assertThat(repo.head()).isEqualTo(history.c4.name());
    }
}
