package dev.runbook.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runbook.action.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reset or checkout that fails half-way is put back: HEAD, branch, index and work tree as they
 * were. The obstacle is one that stops root too: a file made immutable with chattr +i.
 */
class GitPutBackTest {

    @TempDir
    Path dir;

    private GitFixture repo;
    private GitHistory history;
    private final List<Path> immutable = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        repo = new GitFixture(dir);
        history = new GitHistory(repo);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Path path : immutable) {
            chattr("-i", path);
        }
        repo.close();
    }

    @Test
    void aHardResetStoppedByAnImmutableFileLeavesEverythingAsItWas() throws Exception {
        repo.write("README", "an uncommitted edit\n");
        byte[] index = Files.readAllBytes(repo.work.resolve(".git/index"));
        makeImmutable(repo.work.resolve("app.py"));

        Outcome outcome = repo.run("git.reset", Map.of("ref", "pre-phase4", "mode", "hard", "save_dirty", true));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("app.py").contains("put back as they were");
        assertThat(outcome.outputs()).containsEntry("put_back", true);
        assertUntouched(index);
        assertThat(repo.read("README")).isEqualTo("an uncommitted edit\n");
        assertThat(repo.git.status().call().getModified()).containsExactly("README");
    }

    @Test
    void aMixedResetWhoseIndexCannotBeReplacedFailsAndPutsHeadBack() throws Exception {
        Path indexFile = repo.work.resolve(".git/index");
        byte[] index = Files.readAllBytes(indexFile);
        makeImmutable(indexFile); // root can still move HEAD, but not replace the index

        Outcome outcome = repo.run("git.reset", Map.of("ref", "pre-phase4"));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("the index does not hold pre-phase4's tree after reset mixed")
                .contains("put back as they were");
        assertUntouched(index);
    }

    @Test
    void aFailedCheckoutWithANewBranchLeavesNoBranchSoTheRetryWorks() throws Exception {
        byte[] index = Files.readAllBytes(repo.work.resolve(".git/index"));
        Path app = repo.work.resolve("app.py");
        makeImmutable(app);

        Outcome failed = repo.run("git.checkout", Map.of("ref", "pre-phase4", "create_branch", "rollback"));

        assertThat(failed.ok()).isFalse();
        assertThat(failed.message()).contains("put back as they were").contains("branch rollback removed");
        assertThat(failed.outputs()).containsEntry("put_back", true);
        assertThat(repo.git.getRepository().exactRef("refs/heads/rollback")).isNull();
        assertUntouched(index);

        chattr("-i", app);
        immutable.remove(app);
        Outcome retried = repo.run("git.checkout", Map.of("ref", "pre-phase4", "create_branch", "rollback"));
        assertThat(retried.ok()).as(retried.message()).isTrue();
        assertThat(repo.branch()).isEqualTo("rollback");
        assertThat(repo.head()).isEqualTo(history.c2.name());
        assertThat(repo.read("app.py")).isEqualTo("v2\n");
        assertThat(repo.git.status().call().isClean()).isTrue();
    }

    /** HEAD on main at c4, the index byte for byte, and the work tree of c4. */
    private void assertUntouched(byte[] index) throws Exception {
        assertThat(repo.head()).isEqualTo(history.c4.name());
        assertThat(repo.branch()).isEqualTo("main");
        assertThat(Files.readAllBytes(repo.work.resolve(".git/index"))).isEqualTo(index);
        assertThat(repo.read("app.py")).isEqualTo("v4\n");
        assertThat(repo.read(GitHistory.CATEGORY)).isEqualTo("cat2\n");
        assertThat(repo.work.resolve(GitHistory.SERVICE)).hasContent("vs");
        assertThat(repo.work.resolve("old.txt")).doesNotExist();
        assertThat(repo.git.status().call().getUntracked()).isEmpty();
    }

    private void makeImmutable(Path path) throws Exception {
        assumeTrue(chattr("+i", path) == 0, "this filesystem cannot make a file immutable");
        immutable.add(path);
    }

    private static int chattr(String flag, Path path) throws Exception {
        Process chattr = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        assertThat(chattr.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return chattr.exitValue();
    }
}
