package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.journal.Journal;
import dev.runbook.journal.ResumeRecord;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.support.InProcessCli;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * A resume keeps the whole story: on_failure and finally run at the end of every invocation that
 * ends that way, every attempt and every resume is in the journal, show, the reports and JUnit, and
 * a FAILURE_REPORT.md written before a resume fixed the run says it is superseded. Real runs
 * through the CLI, real files and a real journal; the readonly case kills a real runbook JVM.
 */
class ResumeHistoryTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    private Path runbook(String text) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, text.replace("DIR", dir.toString()));
        return file;
    }

    /** 'fix' fails (twice per invocation: a retry) until the flag file exists. */
    private Path failingUntilFixed() throws Exception {
        return runbook("""
                format: 1
                name: upgrade
                steps:
                  - id: prepare
                    title: Prepare the upgrade
                    action: exec
                    with: { shell: "echo prepare >> DIR/ledger" }
                  - id: fix
                    title: "Apply the fix for {{ run.id }}"
                    action: exec
                    retry: { attempts: 2, delay: 10ms }
                    with: { shell: "test -f DIR/flag || { echo 'flag missing' >&2; exit 7; }" }
                on_failure:
                  - id: failure-report
                    action: report.render
                    with:
                      template: failure-report.md.peb
                      to: DIR/FAILURE_REPORT.md
                  - id: alert
                    action: exec
                    with: { shell: "echo on_failure >> DIR/ledger" }
                finally:
                  - id: summary
                    action: report.render
                    with:
                      template: run-summary.md.peb
                      to: DIR/summary.md
                  - id: wrap-up
                    action: exec
                    with: { shell: "echo 'finally failed_step={{ run.failed_step }}' >> DIR/ledger" }
                """);
    }

    @Test
    void hooksRunAgainForEachInvocationAndEveryAttemptAndResumeIsReported() throws Exception {
        Path file = failingUntilFixed();
        assertThat(cli.run("run", file.toString())).isEqualTo(1);
        String runId = cli.latestRun();
        Path failureReport = dir.resolve("FAILURE_REPORT.md");
        String firstReport = Files.readString(failureReport);
        assertThat(firstReport).contains("Step **fix** (Apply the fix for " + runId + ") ended **failed**");

        // Resumed, failing again: on_failure and finally run again, for this ending.
        assertThat(cli.run("resume", runId)).isEqualTo(1);
        // Fixed, resumed again: finally runs with the final status; on_failure does not.
        Files.writeString(dir.resolve("flag"), "");
        assertThat(cli.run("resume", runId)).as(cli.err()).isZero();

        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("prepare",
                "on_failure", "finally failed_step=fix",
                "on_failure", "finally failed_step=fix",
                "finally failed_step=");

        // The summary finally wrote last describes the run as it ended, with what it took.
        String summary = Files.readString(dir.resolve("summary.md"));
        assertThat(summary).startsWith("## ✅ upgrade: succeeded")
                .containsPattern("\\*\\*Resumed\\*\\*: \\S+Z \\(was failed\\), \\S+Z \\(was failed\\)")
                .contains("| fix (Apply the fix for " + runId + ") | succeeded | 5 |")
                .contains("4 failed attempt(s) in all; resumed 2 time(s)")
                .contains("Attempt 1 failed at ").contains("Attempt 4 failed at ").contains(": exit 7 (expected 0)");

        // The failure report of the first invocation was not rewritten (on_failure did not run):
        // it says it is superseded, and keeps what it said (and its earlier text as FILE.~N~).
        String noted = Files.readString(failureReport);
        assertThat(noted).startsWith("> **Superseded**: run " + runId + " was resumed at ")
                .contains(" and ended succeeded. This report was written at ")
                .contains("when the run stood at failed; 'runbook report " + runId + "' renders the run as it ended");
        assertThat(noted.substring(noted.indexOf("\n\n") + 2)).startsWith("# upgrade Failure Report");
        assertThat(cli.err()).contains("marked " + failureReport + " superseded");
        assertThat(dir.resolve("FAILURE_REPORT.md.~2~")).exists();

        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(journal.resumes(runId)).extracting(ResumeRecord::statusBefore)
                    .containsExactly(RunStatus.FAILED, RunStatus.FAILED);
            List<StepRecord> fix = journal.steps(runId).stream().filter(s -> s.stepId().equals("fix")).toList();
            assertThat(fix).extracting(s -> s.attempt() + ":" + s.status().word()).containsExactly(
                    "1:failed", "2:failed", "3:failed", "4:failed", "5:succeeded");
            assertThat(fix).allSatisfy(s -> assertThat(s.title()).contains("Apply the fix for " + runId));
            assertThat(fix.subList(0, 4)).allSatisfy(s -> assertThat(s.error().orElseThrow()).contains("exit 7 (expected 0)"));
            assertThat(journal.steps(runId).stream().filter(s -> s.stepId().equals("wrap-up")))
                    .extracting(StepRecord::attempt).containsExactly(1, 2, 3);
            assertThat(journal.integrityCheck()).isEqualTo("ok");
        }

        // show: every attempt, failed ones with their error, each resume where it came.
        assertThat(cli.run("show", runId)).isZero();
        String show = cli.out();
        assertThat(show).containsPattern("fix \\(Apply the fix for " + runId + "\\) #1 failed .*exit 7 \\(expected 0\\)")
                .contains("#4 failed").contains("#5 succeeded");
        assertThat(show.lines().filter(l -> l.startsWith("  -- resumed ")).toList()).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("(the run was failed)"));
        assertThat(show.indexOf("-- resumed")).isBetween(show.indexOf("#2 failed"), show.indexOf("#3 failed"));

        // JUnit: the step succeeded in the end; its four failed attempts are flaky failures.
        assertThat(cli.run("report", runId, "--format", "junit")).isZero();
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(cli.out())));
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
        assertThat(xml.getElementsByTagName("flakyFailure").getLength()).isEqualTo(4);
        assertThat(cli.out()).contains("name=\"run.resumed.1\"").contains("name=\"run.resumed.2\"")
                .contains("name=\"step fix (Apply the fix for " + runId + ")\"");

        // HTML: each attempt with its error.
        assertThat(cli.run("report", runId, "--format", "html")).isZero();
        assertThat(cli.out()).contains("<dt>Resumed</dt>")
                .containsPattern("<li value=\"3\">failed at \\S+ \\(exit 7\\): <span class=\"error\">exit 7");
    }

    @Test
    void aReportWrittenAgainByTheResumeIsNotMarked() throws Exception {
        Path file = failingUntilFixed();
        cli.run("run", file.toString());
        String runId = cli.latestRun();
        assertThat(cli.run("resume", runId)).isEqualTo(1);

        // on_failure ran again in this invocation and wrote the report anew: nothing to mark.
        assertThat(Files.readString(dir.resolve("FAILURE_REPORT.md"))).startsWith("# upgrade Failure Report")
                .contains("**Resumed**: ");
        assertThat(cli.err()).doesNotContain("superseded");
    }

    @Test
    void aRunKilledInAReadonlyStepIsResumedWithoutAsking() throws Exception {
        Path file = runbook("""
                format: 1
                name: probe
                steps:
                  - id: before
                    action: exec
                    with: { shell: "echo before >> DIR/ledger" }
                  - id: look
                    title: Look at the state
                    action: exec
                    readonly: true
                    with: { shell: "echo look >> DIR/ledger; while [ ! -f DIR/go ]; do sleep 0.05; done" }
                  - id: after
                    action: exec
                    with: { shell: "echo after >> DIR/ledger" }
                """);
        Process child = new ProcessBuilder(javaCommand("run", file.toString(), "--state",
                dir.resolve("state").toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile()).start();
        Path ledger = dir.resolve("ledger");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(ledger) && Files.readAllLines(ledger).contains("look"))) {
            assertThat(System.nanoTime()).as("the run reached 'look'").isLessThan(deadline);
            assertThat(child.isAlive()).as("the run is still going").isTrue();
            Thread.sleep(5);
        }
        Thread.sleep(300); // its read-only intent rides with the next commit (at most 100 ms later)
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String runId = cli.latestRun();
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.latestSteps(runId)).extracting(s -> s.stepId() + ":" + s.status().word())
                    .containsExactly("before:succeeded", "look:running");
        }
        Files.writeString(dir.resolve("go"), ""); // the orphaned shell of the killed run ends too
        // The step changes nothing, so resume runs it again (no --retry-interrupted, no exit 6).
        assertThat(cli.run("resume", runId)).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("not idempotent");
        assertThat(Files.readAllLines(ledger)).containsExactly("before", "look", "look", "after");
    }

    private List<String> javaCommand(String... args) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName()));
        command.addAll(Stream.of(args).toList());
        return command;
    }
}
