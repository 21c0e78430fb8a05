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
        TaggedRepo.make(dir.resolve("repo"));
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

    @Test
    void aPersonApprovesWhatEachStepsPreviewShowsNowNotTheRunbooksWords() throws Exception {
        Path file = runbook();
        String two;
        String one;
        try (Git git = Git.open(dir.resolve("repo").toFile())) {
            two = git.getRepository().resolve("main").abbreviate(7).name();
            one = git.getRepository().resolve("pre^{commit}").abbreviate(7).name();
        }

        assertThat(cli.run("run", file.toString(), "-p", "root=" + dir)).as(cli.err()).isEqualTo(6);

        assertThat(cli.err()).startsWith("previewing the run before asking (a dry run against the real state; --yes "
                        + "skips it) ...\n")
                .contains("  asks     reset: reset " + dir.resolve("repo") + " to pre (hard)  [(destructive: "
                        + "git.reset)]\n             preview: would move branch main from " + two + " two")
                .contains("to " + one + " one")
                .contains("             preview: 1 file(s) in the work tree would change:\n             preview:   M code.py")
                .contains("  may ask  maybe: wait 1ms  [Run step 'maybe'?]\n             preview: skipped: when: "
                        + "{{ params.again }} is false")
                .doesNotContain("would stop at");
        String runId = cli.latestRun();
        assertThat(cli.state().resolve("runs").resolve(runId)).as("the previews wrote no step logs").doesNotExist();
        try (Journal journal = Journal.open(cli.state().resolve("journal.db"))) {
            assertThat(journal.steps(runId)).as("the previews are not journaled").isEmpty();
        }

        assertThat(cli.run("run", file.toString(), "--json", "-p", "root=" + dir)).isEqualTo(6);
        assertThat(cli.out()).contains("\"step\":\"reset\"").contains("\"preview_status\":\"previewed\","
                + "\"preview\":[\"would move branch main from " + two).contains("\"would_stop\":[]");
    }

    @Test
    void theApprovalSaysWhenThePreviewWouldStopTheRunCountingWhatEarlierStepsWouldDo() throws Exception {
        runbook();
        Path file = dir.resolve("twice.yaml");
        // Today HEAD~1 is the tag; once the first reset has moved the branch to it, there is no HEAD~1.
        Files.writeString(file, """
                format: 1
                name: twice
                steps:
                  - { id: back, action: git.reset, with: { repo: "DIR/repo", ref: pre, mode: hard } }
                  - { id: further, needs: [back], action: git.reset, with: { repo: "DIR/repo", ref: "HEAD~1", mode: hard } }
                """.replace("DIR", dir.toString()));
        String head = Files.readString(dir.resolve("repo/.git/refs/heads/main"));

        assertThat(cli.run("run", file.toString())).as(cli.err()).isEqualTo(6);

        assertThat(cli.err()).contains("  asks     further: reset " + dir.resolve("repo") + " to HEAD~1 (hard)")
                .containsPattern("\n             preview: would refuse: unknown revision 'HEAD~1' once step 'back' has moved HEAD to "
                        + "[0-9a-f]{7} \\(unknown revision '[0-9a-f]{40}~1' in ")
                .containsPattern("the preview says this run would stop at further \\(would refuse: unknown revision");
        assertThat(Files.readString(dir.resolve("repo/.git/refs/heads/main"))).isEqualTo(head);
        assertThat(cli.run("run", file.toString(), "--json")).isEqualTo(6);
        assertThat(cli.out()).contains("\"would_stop\":[{\"step\":\"further\",");
    }

    @Test
    void withYesNothingIsPreviewedBeforeTheRun() throws Exception {
        assertThat(cli.run("run", runbook().toString(), "--yes", "-p", "root=" + dir)).as(cli.err()).isZero();
        assertThat(cli.err()).contains("3 steps ask for confirmation").doesNotContain("preview:");
    }

    @Test
    void aQuestionIsListedWithItsValuesFilledInAndItsSecretsMasked() throws Exception {
        Path file = dir.resolve("question.yaml");
        Files.writeString(file, """
                format: 1
                name: question
                params:
                  target: { type: string }
                  token: { type: string, secret: true }
                steps:
                  - { id: send, action: wait, with: { duration: 1ms }, confirm: "Send to {{ params.target }} with {{ params.token }}?" }
                """);

        assertThat(cli.run("run", file.toString(), "-p", "target=db-7", "-p", "token=hunter2-token")).isEqualTo(6);

        assertThat(cli.err()).contains("  asks     send: wait 1ms  [Send to db-7 with ***?]").doesNotContain("hunter2")
                .doesNotContain("{{");
    }
}
