package dev.runbook.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git.restore: the seed's "git checkout HEAD~1 -- file" and "git checkout COMMIT -- '*.py'". */
class GitRestoreTest {

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
    void restoresOneFileFromAnEarlierCommitIntoIndexAndWorkTree() throws Exception {
        Outcome outcome = repo.run("git.restore", Map.of("ref", "HEAD~2", "paths", List.of(GitHistory.CATEGORY)));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.outputs()).containsEntry("restored", List.of(GitHistory.CATEGORY));
        assertThat(repo.read(GitHistory.CATEGORY)).isEqualTo("cat1\n");
        assertThat(repo.git.status().call().getChanged()).containsExactly(GitHistory.CATEGORY);
        assertThat(repo.head()).isEqualTo(history.c4.name());
    }

    @Test
    void aGlobMatchesAcrossFoldersAsInGitAndLeavesOtherFilesAlone() throws Exception {
        Outcome outcome = repo.run("git.restore", Map.of("ref", history.c2.name(), "paths", "*.py"));

        assertThat(outcome.outputs()).containsEntry("restored", List.of("app.py", GitHistory.CATEGORY));
        assertThat(repo.read("app.py")).isEqualTo("v2\n");
        assertThat(repo.read(GitHistory.CATEGORY)).isEqualTo("cat1\n");
        assertThat(repo.read(GitHistory.SERVICE)).isEqualTo("vs\n");
    }

    @Test
    void aFolderRestoresEverythingUnderIt() throws Exception {
        Files.delete(repo.work.resolve(GitHistory.SERVICE));
        Outcome outcome = repo.run("git.restore", Map.of("paths", List.of("src/")));

        assertThat(outcome.outputs()).containsEntry("restored", List.of(GitHistory.CATEGORY, GitHistory.SERVICE));
        assertThat(repo.read(GitHistory.SERVICE)).isEqualTo("vs\n");
    }

    @Test
    void refusesToOverwriteUncommittedWorkUnlessSaving() throws Exception {
        repo.write(GitHistory.CATEGORY, "my unsaved edit\n");

        assertThatThrownBy(() -> repo.run("git.restore", Map.of("ref", "HEAD~1", "paths", List.of(GitHistory.CATEGORY))))
                .hasMessageStartingWith("refusing to restore from HEAD~1 (" + history.c3.abbreviate(7).name() + "): 1 "
                        + "uncommitted path would be lost:  M " + GitHistory.CATEGORY);
        assertThat(repo.read(GitHistory.CATEGORY)).isEqualTo("my unsaved edit\n");

        Outcome outcome = repo.run("git.restore", Map.of("ref", "HEAD~2", "paths", List.of(GitHistory.CATEGORY),
                "save_dirty", true));
        assertThat(outcome.ok()).isTrue();
        assertThat(Files.readString(repo.forensics.resolve("git-step/worktree/" + GitHistory.CATEGORY)))
                .isEqualTo("my unsaved edit\n");
        assertThat(repo.read(GitHistory.CATEGORY)).isEqualTo("cat1\n");
    }

    @Test
    void pathsThatMatchNothingOrLeaveTheRepositoryAreRefused() {
        assertThatThrownBy(() -> repo.run("git.restore", Map.of("ref", "HEAD~1", "paths", List.of("nope.py", "*.rb"))))
                .hasMessage("no file in HEAD~1 (" + history.c3.abbreviate(7).name() + ") matches nope.py, *.rb; paths "
                        + "are relative to the repository's work tree");
        assertThatThrownBy(() -> repo.run("git.restore", Map.of("paths", List.of("../outside"))))
                .hasMessage("path '../outside' is not inside the repository: use a path relative to its work tree, "
                        + "without '..'");
        assertThatThrownBy(() -> repo.run("git.restore", Map.of("paths", List.of("/etc/passwd"))))
                .hasMessageStartingWith("path '/etc/passwd' is not inside the repository");
    }

    @Test
    void previewSaysWhichFilesWouldChangeAndChangesNothing() throws Exception {
        Files.delete(repo.work.resolve(GitHistory.SERVICE));
        Preview preview = repo.preview("git.restore", Map.of("ref", "HEAD~1", "paths", List.of("*.py")));

        assertThat(preview.effects()).containsExactly(
                "would restore 3 file(s) from HEAD~1 (" + history.c3.abbreviate(7).name() + "): 2 would change, "
                        + "1 already equal",
                "M app.py (would become its version in HEAD~1 (" + history.c3.abbreviate(7).name() + "))",
                "A " + GitHistory.SERVICE + " (missing now, would come back from HEAD~1 ("
                        + history.c3.abbreviate(7).name() + "))");
        assertThat(repo.read("app.py")).isEqualTo("v4\n");
        assertThat(repo.work.resolve(GitHistory.SERVICE)).doesNotExist();
    }
}
