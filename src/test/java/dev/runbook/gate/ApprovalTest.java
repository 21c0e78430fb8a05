package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.RunStatus;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One approval before anything changes, on a real git repository and real files: the steps that
 * ask (confirm:, a destructive git.reset, one whose asking depends on a condition) are listed up
 * front; without a terminal and without --yes the run ends before its first step with exit 6 and
 * only its journal row; with --yes it runs and no step asks again.
 */
class ApprovalTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    private Path runbook() throws Exception {
        try (Git git = Git.init().setDirectory(dir.resolve("repo").toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("repo/code.py"), "v = 1\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setSign(false).call();
            git.tag().setName("pre").call();
            Files.writeString(dir.resolve("repo/code.py"), "v = 2\n");
            git.commit().setAll(true).setMessage("two").setSign(false).call();
        }
        Path file = dir.resolve("approve.yaml");
        Files.writeString(file, """
                format: 1
                name: approve
                params:
                  root: { type: path }
                  again: { type: bool, default: false }
                steps:
                  - { id: mark, action: exec, with: { cmd: [touch, "{{ params.root }}/marked"] } }
                  - { id: pause, needs: [mark], title: Pause, action: wait, with: { duration: 1ms }, confirm: "Pause now?" }
                  - { id: reset, needs: [pause], action: git.reset, with: { repo: "{{ params.root }}/repo", ref: pre, mode: hard } }
                  - { id: maybe, needs: [reset], when: "{{ params.again }}", action: wait, with: { duration: 1ms }, confirm: true }
                """);
        return file;
    }

    @Test
    void withoutATerminalAndWithoutYesTheRunEndsBeforeItsFirstStep() throws Exception {
        Path file = runbook();
        String head = Files.readString(dir.resolve("repo/.git/refs/heads/main"));

        int code = cli.run("run", file.toString(), "-p", "root=" + dir);

        assertThat(code).as(cli.err()).isEqualTo(6);
        assertThat(cli.err()).contains("3 steps ask for confirmation; one answer approves them all, before anything runs:")
                .contains("  asks     pause  Pause: wait 1ms  [Pause now?]")
                .contains("  asks     reset: reset " + dir.resolve("repo") + " to pre (hard)  [(destructive: git.reset)]")
                .contains("  may ask  maybe: ")
                .contains("'Approve these 3 steps?' needs an answer and there is no terminal; run with --yes to agree")
                .contains("not confirmed: no step ran, nothing was changed (exit 6)")
                .doesNotContain("▶ mark");
        assertThat(dir.resolve("marked")).doesNotExist();
        assertThat(Files.readString(dir.resolve("repo/.git/refs/heads/main"))).isEqualTo(head);
        String runId = cli.latestRun();
        try (Journal journal = Journal.open(cli.state().resolve("journal.db"))) {
            assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.NOT_CONFIRMED);
            assertThat(journal.steps(runId)).isEmpty();
        }

        assertThat(cli.run("run", file.toString(), "--json", "-p", "root=" + dir)).isEqualTo(6);
        assertThat(cli.out()).startsWith("{\"event\":\"approval\",").contains("\"step\":\"reset\"")
                .contains("\"may_ask\":true").contains("\"status\":\"not confirmed\"").contains("\"exit_code\":6");
        assertThat(dir.resolve("marked")).doesNotExist();
    }

    @Test
    void approvedOnceWithYesNoStepAsksAgain() throws Exception {
        Path file = runbook();

        int code = cli.run("run", file.toString(), "--yes", "-p", "root=" + dir, "-p", "again=true");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("succeeded pause").contains("succeeded reset").contains("succeeded maybe")
                .doesNotContain("needs an answer");
        assertThat(dir.resolve("marked")).exists();
        assertThat(dir.resolve("repo/code.py")).hasContent("v = 1");
    }

    @Test
    void aDryRunDoesNotAsk() throws Exception {
        assertThat(cli.run("run", runbook().toString(), "--dry-run", "-p", "root=" + dir)).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("ask for confirmation");
    }
}
