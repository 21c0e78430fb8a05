package dev.runbook.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git.status, git.log and git.tag on real repositories. */
class GitInspectTest {

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
    void statusOfACleanTree() throws Exception {
        Outcome outcome = repo.run("git.status", Map.of("expect_clean", "true"));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.outputs()).containsEntry("clean", true).containsEntry("changes", List.of());
    }

    @Test
    void statusListsChangesLikePorcelainAndExpectCleanFails() throws Exception {
        repo.write("app.py", "edit\n");
        repo.write("staged.txt", "new\n");
        repo.git.add().addFilepattern("staged.txt").call();
        repo.write("notes.txt", "untracked\n");
        repo.git.rm().addFilepattern("README").call();
        repo.write(".gitignore", "*.log\n");
        repo.write("debug.log", "ignored\n");

        Outcome report = repo.run("git.status", Map.of());
        Outcome strict = repo.run("git.status", Map.of("expect_clean", "true"));

        List<String> expected = List.of("D  README", " M app.py", "A  staged.txt", "?? .gitignore", "?? notes.txt");
        assertThat(report.ok()).isTrue();
        assertThat(report.outputs()).containsEntry("clean", false).containsEntry("changes", expected);
        assertThat(strict.ok()).isFalse();
        assertThat(strict.message()).isEqualTo(repo.work + " is not clean: 5 change(s): " + String.join(", ", expected));
    }

    @Test
    void statusPreviewProbesTheRealTree() throws Exception {
        repo.write("app.py", "edit\n");
        Preview preview = repo.preview("git.status", Map.of("expect_clean", "true"));

        assertThat(preview.kind()).isEqualTo(PreviewKind.PROBED);
        assertThat(preview.effects()).containsExactly("check fails now: " + repo.work
                + " is not clean: 1 change(s):  M app.py");
    }

    @Test
    void logFindsByTagByMessageAndByRelativeRef() throws Exception {
        assertThat(repo.run("git.log", Map.of("tag", "pre-phase4")).outputs())
                .containsEntry("commit", history.c2.name()).containsEntry("subject", "Phase 3: models");
        assertThat(repo.run("git.log", Map.of("message", "^Phase 3")).outputs())
                .containsEntry("commit", history.c2.name());
        assertThat(repo.run("git.log", Map.of("message", "^Categories")).outputs()) // a body line
                .containsEntry("commit", history.c2.name());
        assertThat(repo.run("git.log", Map.of("message", "^Phase 4")).outputs())
                .containsEntry("commit", history.c4.name());
        assertThat(repo.run("git.log", Map.of("ref", "HEAD~1")).outputs())
                .containsEntry("commit", history.c3.name()).containsEntry("subject", "Phase 4: verification")
                .containsEntry("short", history.c3.abbreviate(7).name()).containsEntry("author", "Ana Ruiz");
        assertThat(repo.run("git.log", Map.of("tag", "pre-phase4", "message", "^Phase 1")).outputs())
                .containsEntry("commit", history.c1.name());
    }

    @Test
    void logThatFindsNothingIsAFailedResult() throws Exception {
        Outcome none = repo.run("git.log", Map.of("message", "^Phase 9"));
        Outcome beyondMax = repo.run("git.log", Map.of("message", "^Phase 1", "max", "2"));

        assertThat(none.ok()).isFalse();
        assertThat(none.message()).isEqualTo("no commit whose message matches \"^Phase 9\" among the 4 newest from "
                + "HEAD (raise 'max' to search further)");
        assertThat(beyondMax.ok()).isFalse();
        assertThat(beyondMax.message()).contains("among the 2 newest");
        assertThatThrownBy(() -> repo.run("git.log", Map.of("message", "(unclosed")))
                .hasMessageStartingWith("'message' is not a valid regular expression");
    }

    @Test
    void tagCreatesAnAnnotatedTagAndARerunChangesNothing() throws Exception {
        Outcome outcome = repo.run("git.tag", Map.of("name", "rollback-start", "message", "before rollback"));
        Outcome again = repo.run("git.tag", Map.of("name", "rollback-start", "message", "before rollback"));

        assertThat(outcome.outputs()).containsEntry("commit", history.c4.name());
        assertThat(again.ok()).isTrue();
        Ref ref = repo.git.getRepository().exactRef("refs/tags/rollback-start");
        try (RevWalk walk = new RevWalk(repo.git.getRepository())) {
            RevTag tag = walk.parseTag(ref.getObjectId());
            assertThat(tag.getFullMessage()).isEqualTo("before rollback");
            assertThat(tag.getObject()).isEqualTo(history.c4);
        }
    }

    @Test
    void aTagIsNeverMovedAndABadNameIsRefused() throws Exception {
        assertThatThrownBy(() -> repo.run("git.tag", Map.of("name", "pre-phase4", "ref", "HEAD")))
                .hasMessage("tag pre-phase4 already exists on " + history.c2.abbreviate(7).name()
                        + " Phase 3: models (Ana Ruiz), not on " + history.c4.abbreviate(7).name()
                        + "; choose another name (a tag is never moved)");
        assertThatThrownBy(() -> repo.run("git.tag", Map.of("name", "bad name")))
                .hasMessageStartingWith("'bad name' is not a valid tag name");
        assertThat(repo.git.getRepository().resolve("pre-phase4^{commit}")).isEqualTo(history.c2);
    }

    @Test
    void tagPreviewNamesTheCommitAndCreatesNothing() throws Exception {
        Preview preview = repo.preview("git.tag", Map.of("name", "before", "ref", "HEAD~1"));

        assertThat(preview.effects()).containsExactly("would tag " + history.c3.abbreviate(7).name()
                + " Phase 4: verification (Ana Ruiz) as before");
        assertThat(repo.git.getRepository().exactRef("refs/tags/before")).isNull();
    }
}
