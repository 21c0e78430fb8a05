package dev.runbook.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git.reset on real repositories: modes, refusals, save_dirty, previews. */
class GitResetTest {

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
    void hardResetOfACleanTreeMovesTheBranchAndTheFiles() throws Exception {
        Outcome outcome = repo.run("git.reset", Map.of("ref", "pre-phase4", "mode", "hard"));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.outputs()).containsEntry("before", history.c4.name())
                .containsEntry("after", history.c2.name())
                .containsEntry("dropped", List.of(history.c4.name(), history.c3.name()))
                .containsEntry("saved", "");
        assertThat(repo.head()).isEqualTo(history.c2.name());
        assertThat(repo.branch()).isEqualTo("main");
        assertThat(repo.read("app.py")).isEqualTo("v2\n");
        assertThat(repo.read("old.txt")).isEqualTo("old\n");
        assertThat(repo.work.resolve(GitHistory.SERVICE)).doesNotExist();
        assertThat(repo.git.status().call().isClean()).isTrue();
    }

    @Test
    void hardResetRefusesWhenAModifiedFileWouldBeLostAndChangesNothing() throws Exception {
        repo.write("app.py", "my unsaved edit\n");

        assertThatThrownBy(() -> repo.run("git.reset", Map.of("ref", "pre-phase4", "mode", "hard")))
                .isInstanceOf(ActionException.class)
                .hasMessage("refusing to reset --hard to pre-phase4: 1 uncommitted path would be lost:  M app.py. "
                        + "Commit or stash them, or set save_dirty: true to copy them into the run's forensics "
                        + "folder first");
        assertThat(repo.head()).isEqualTo(history.c4.name());
        assertThat(repo.read("app.py")).isEqualTo("my unsaved edit\n");
        assertThat(repo.forensics).doesNotExist();
    }

    @Test
    void hardResetRefusesWhenAnUntrackedFileWouldBeOverwrittenButIgnoresOthers() throws Exception {
        repo.write("old.txt", "untracked, and the target has old.txt\n");
        repo.write("notes.txt", "untracked, not in the target\n");

        assertThatThrownBy(() -> repo.run("git.reset", Map.of("ref", "pre-phase4", "mode", "hard")))
                .hasMessageContaining("1 uncommitted path would be lost: ?? old.txt.");
        Files.delete(repo.work.resolve("old.txt"));

        assertThat(repo.run("git.reset", Map.of("ref", "pre-phase4", "mode", "hard")).ok()).isTrue();
        assertThat(repo.read("notes.txt")).isEqualTo("untracked, not in the target\n");
    }

    @Test
    void saveDirtyCopiesEveryPathAtRiskIntoTheForensicsFolderThenResets() throws Exception {
        repo.write("app.py", "my unsaved edit\n");
        repo.write("staged.txt", "staged version\n");
        repo.git.add().addFilepattern("staged.txt").call();
        repo.write("staged.txt", "edited after staging\n");
        repo.write("old.txt", "untracked in the way\n");
        repo.write("notes.txt", "untracked, out of the way\n");

        Outcome outcome = repo.run("git.reset", Map.of("ref", "pre-phase4", "mode", "hard", "save_dirty", "true"));

        Path saved = repo.forensics.resolve("git-step");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.outputs()).containsEntry("saved", saved.toString());
        assertThat(Files.readString(saved.resolve("worktree/app.py"))).isEqualTo("my unsaved edit\n");
        assertThat(Files.readString(saved.resolve("worktree/staged.txt"))).isEqualTo("edited after staging\n");
        assertThat(Files.readString(saved.resolve("index/staged.txt"))).isEqualTo("staged version\n");
        assertThat(Files.readString(saved.resolve("worktree/old.txt"))).isEqualTo("untracked in the way\n");
        assertThat(saved.resolve("worktree/notes.txt")).doesNotExist();
        assertThat(Files.readString(saved.resolve("STATUS.txt")))
                .contains("HEAD was: " + history.c4.name() + " (branch main)")
                .contains(" M app.py\nAM staged.txt\n?? old.txt\n");
        assertThat(repo.head()).isEqualTo(history.c2.name());
        assertThat(repo.read("app.py")).isEqualTo("v2\n");
        assertThat(repo.read("old.txt")).isEqualTo("old\n");
        assertThat(repo.read("notes.txt")).isEqualTo("untracked, out of the way\n");
    }

    @Test
    void aSecondSaveInTheSameRunGoesToANewFolder() throws Exception {
        repo.write("app.py", "edit 1\n");
        repo.run("git.reset", Map.of("ref", "HEAD", "mode", "hard", "save_dirty", "true"));
        repo.write("app.py", "edit 2\n");
        Outcome second = repo.run("git.reset", Map.of("ref", "HEAD", "mode", "hard", "save_dirty", "true"));

        assertThat(second.outputs()).containsEntry("saved", repo.forensics.resolve("git-step-2").toString());
        assertThat(Files.readString(repo.forensics.resolve("git-step/worktree/app.py"))).isEqualTo("edit 1\n");
        assertThat(Files.readString(repo.forensics.resolve("git-step-2/worktree/app.py"))).isEqualTo("edit 2\n");
    }

    @Test
    void softAndMixedKeepTheWorkTreeSoTheyNeverRefuse() throws Exception {
        repo.write("app.py", "my unsaved edit\n");

        assertThat(repo.run("git.reset", Map.of("ref", "HEAD~1", "mode", "soft")).ok()).isTrue();
        assertThat(repo.head()).isEqualTo(history.c3.name());
        assertThat(repo.git.status().call().getChanged()).containsExactly("app.py");

        assertThat(repo.run("git.reset", Map.of("ref", "pre-phase4")).ok()).isTrue(); // mixed by default
        assertThat(repo.head()).isEqualTo(history.c2.name());
        assertThat(repo.read("app.py")).isEqualTo("my unsaved edit\n");
        assertThat(repo.read(GitHistory.SERVICE)).isEqualTo("vs\n");
        assertThat(repo.git.status().call().getUntracked()).contains(GitHistory.SERVICE);
        assertThat(repo.git.status().call().getChanged()).isEmpty();
    }

    @Test
    void previewListsDroppedCommitsAndChangedFilesAndChangesNothing() throws Exception {
        Preview preview = repo.preview("git.reset", Map.of("ref", "pre-phase4", "mode", "hard"));

        String c2 = history.c2.abbreviate(7).name();
        String c3 = history.c3.abbreviate(7).name();
        String c4 = history.c4.abbreviate(7).name();
        assertThat(preview.kind()).isEqualTo(PreviewKind.SIMULATED);
        assertThat(String.join("\n", preview.effects())).isEqualTo("""
                would move branch main from %s Phase 4: fixes (Ana Ruiz) to %s Phase 3: models (Ana Ruiz) (hard)
                2 commit(s) would be dropped from the branch (kept in the reflog):
                  - %s Phase 4: fixes (Ana Ruiz)
                  - %s Phase 4: verification (Ana Ruiz)
                4 file(s) in the work tree would change:
                  M app.py
                  A old.txt
                  M src/domain/value_objects/tool_category.py
                  D src/services/verification_service.py""".formatted(c4, c2, c4, c3));
        assertThat(preview.outputs()).containsEntry("dropped", List.of(history.c4.name(), history.c3.name()));
        assertThat(repo.head()).isEqualTo(history.c4.name());
    }

    @Test
    void previewShowsTheWorkAtRiskAsARefusalOrAsWhatWouldBeSaved() throws Exception {
        repo.write("app.py", "my unsaved edit\n");

        assertThatThrownBy(() -> repo.preview("git.reset", Map.of("ref", "pre-phase4", "mode", "hard")))
                .hasMessageContaining("1 uncommitted path would be lost:  M app.py");
        Preview preview = repo.preview("git.reset", Map.of("ref", "pre-phase4", "mode", "hard", "save_dirty", "true"));

        assertThat(preview.effects()).last().asString().isEqualTo("would first save 1 uncommitted path(s) into "
                + repo.forensics.resolve("git-step") + ":  M app.py");
        assertThat(repo.forensics).doesNotExist();
        assertThat(repo.read("app.py")).isEqualTo("my unsaved edit\n");
    }

    @Test
    void aStaleIndexLockIsAClearRefusal() throws Exception {
        Files.writeString(repo.work.resolve(".git/index.lock"), "");

        for (String mode : List.of("soft", "hard")) {
            assertThatThrownBy(() -> repo.run("git.reset", Map.of("ref", "pre-phase4", "mode", mode)))
                    .isInstanceOf(ActionException.class)
                    .hasMessageStartingWith("the index is locked: " + repo.work.resolve(".git/index.lock")
                            + " exists, last modified ")
                    .hasMessageEndingWith("Another git process is running, or one crashed; if none is running, "
                            + "remove the lock and run again");
        }
        assertThatThrownBy(() -> repo.preview("git.reset", Map.of("ref", "pre-phase4")))
                .hasMessageStartingWith("the index is locked");
        assertThat(repo.head()).isEqualTo(history.c4.name());
    }

    @Test
    void anUnknownRefNamesWhatExists() {
        assertThatThrownBy(() -> repo.run("git.reset", Map.of("ref", "pre-phase5", "mode", "hard")))
                .hasMessage("unknown revision 'pre-phase5' in " + repo.work + " (tags: pre-phase4; branches: main)");
    }

    @Test
    void aFolderThatIsNotARepositoryIsAClearError() throws Exception {
        Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> repo.run("git.reset", Map.of("repo", "plain", "ref", "HEAD")))
                .hasMessageStartingWith("not a git repository: " + dir.resolve("plain"));
    }
}
