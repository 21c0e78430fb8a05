package dev.runbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Implementations;
import dev.runbook.model.Runbook;
import dev.runbook.parse.RunbookSource;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.StepGraph;
import dev.runbook.validate.CheckedRunbook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's semantics on real actions: order, conditions, retries, timeouts, failure policies. */
class EngineTest {

    @TempDir
    Path dir;

    private RunResult run(String steps, boolean dryRun, int jobs, boolean confirm) throws PlanError {
        return run(steps, dryRun, jobs, confirm, Implementations.builtIn());
    }

    private RunResult run(String steps, boolean dryRun, int jobs, boolean confirm, Implementations implementations)
            throws PlanError {
        String text = "format: 1\nname: t\nparams:\n  n: { type: int, default: 2 }\n" + steps;
        CheckedRunbook checked = CheckedRunbook.of(new RunbookSource("t.yaml", text), ActionRegistry.builtIn());
        assertThat(checked.problems()).as(text).isEmpty();
        Runbook runbook = checked.runbook().orElseThrow();
        StepGraph graph = checked.graph().orElseThrow();
        RunContext context = RunContexts.create(runbook, Map.of(), Map.of(), Map.of("id", "r1", "runbook", "t"));
        Engine engine = new Engine(runbook, graph, ActionRegistry.builtIn(), implementations,
                RunListener.NONE, new RunOptions(dryRun, jobs, dir, dir, question -> confirm));
        return engine.run(graph.order(), context);
    }

    /** A build in which only these actions are implemented: the others are declared but missing. */
    private static Implementations withoutAllBut(String... names) {
        Map<String, dev.runbook.action.Action> some = new java.util.HashMap<>();
        for (String name : names) {
            some.put(name, Implementations.builtIn().find(name).orElseThrow());
        }
        return new Implementations(some);
    }

    private RunResult run(String steps) throws PlanError {
        return run(steps, false, 1, true);
    }

    /** "a:succeeded b:skipped" in finishing order. */
    private static String statuses(RunResult result) {
        return result.results().stream().map(r -> r.stepId() + ":" + r.status().word())
                .collect(Collectors.joining(" "));
    }

    @Test
    void stepsRunInGraphOrderAndSeeEarlierStepsStatus() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: a, action: wait, with: { duration: 10ms } }
                  - { id: b, action: assert, with: { that: "{{ steps.a.status == 'succeeded' and params.n == 2 }}" } }
                """);
        assertThat(statuses(result)).isEqualTo("a:succeeded b:succeeded");
        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void falseConditionSkipsWithTheReasonAndDependentsStillRun() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: a, action: wait, with: { duration: 1ms }, when: "{{ params.n > 5 }}" }
                  - { id: b, action: assert, with: { that: "{{ steps.a.status == 'skipped' }}" } }
                """);
        assertThat(statuses(result)).isEqualTo("a:skipped b:succeeded");
        assertThat(result.result("a").orElseThrow().error()).isEqualTo("when: {{ params.n > 5 }} is false");
    }

    @Test
    void retriesWithBackoffThenFails() throws PlanError {
        long start = System.nanoTime();
        RunResult result = run("""
                steps:
                  - id: a
                    action: assert
                    with: { that: "{{ 1 > 2 }}", message: never }
                    retry: { attempts: 3, delay: 100ms, backoff: 2 }
                """);
        long millis = (System.nanoTime() - start) / 1_000_000;
        StepResult a = result.result("a").orElseThrow();
        assertThat(a.status()).isEqualTo(StepStatus.FAILED);
        assertThat(a.attempts()).isEqualTo(3);
        assertThat(a.error()).isEqualTo("never");
        assertThat(millis).as("100 ms then 200 ms between attempts").isGreaterThanOrEqualTo(300);
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.status().exitCode()).isEqualTo(1);
    }

    @Test
    void timeoutEndsTheStepPromptly() throws PlanError {
        long start = System.nanoTime();
        RunResult result = run("""
                steps:
                  - { id: slow, action: wait, with: { duration: 30s }, timeout: 200ms }
                """);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.result("slow").orElseThrow().error()).isEqualTo("timed out after 200 ms");
    }

    @Test
    void abortStopsNewStepsAndSaysWhere() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: a, action: assert, with: { that: "false", message: broken } }
                  - { id: b, action: wait, with: { duration: 1ms } }
                """);
        assertThat(statuses(result)).isEqualTo("a:failed b:skipped");
        assertThat(result.result("b").orElseThrow().error()).isEqualTo("the run stopped at 'a'");
        assertThat(result.failedStep()).contains("a");
    }

    @Test
    void continueSkipsOnlyDependentsAndTheirDependents() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: a, action: assert, with: { that: "false" }, on_error: continue }
                  - { id: b, action: wait, with: { duration: 1ms } }
                  - { id: c, needs: [], action: wait, with: { duration: 1ms } }
                  - { id: d, needs: [b], action: wait, with: { duration: 1ms } }
                """);
        assertThat(statuses(result)).isEqualTo("a:failed b:skipped c:succeeded d:skipped");
        assertThat(result.result("b").orElseThrow().error()).isEqualTo("needs 'a', which did not succeed");
        assertThat(result.result("d").orElseThrow().error()).isEqualTo("needs 'b', which did not run");
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void rollbackUndoesCompletedStepsInReverseThenRunsOnFailureAndFinally() throws PlanError {
        RunResult result = run("""
                steps:
                  - id: a
                    action: wait
                    with: { duration: 1ms }
                    undo: { action: assert, with: { that: "true" } }
                  - id: b
                    action: wait
                    with: { duration: 1ms }
                    undo:
                      - { action: wait, with: { duration: 1ms } }
                      - { action: assert, with: { that: "{{ run.failed_step == 'c' }}" } }
                  - { id: c, action: assert, with: { that: "false" }, on_error: rollback }
                  - { id: d, action: wait, with: { duration: 1ms } }
                on_failure:
                  - { id: report, action: assert, with: { that: "{{ run.error != '' and steps.c.status == 'failed' }}" } }
                finally:
                  - { id: always, action: wait, with: { duration: 1ms } }
                """);
        assertThat(statuses(result)).isEqualTo("a:succeeded b:succeeded c:failed d:skipped b:undo:1:undone "
                + "b:undo:2:undone a:undo:undone report:succeeded always:succeeded");
        assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(result.status().exitCode()).isEqualTo(4);
    }

    @Test
    void aFailingUndoMakesTheRunFailedNotRolledBack() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: a, action: wait, with: { duration: 1ms }, undo: { action: assert, with: { that: "false" } } }
                  - { id: b, action: assert, with: { that: "false" }, on_error: rollback }
                """);
        assertThat(statuses(result)).isEqualTo("a:succeeded b:failed a:undo:undo failed");
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void failedVerifyFailsTheStepWithExitThree() throws PlanError {
        RunResult result = run("""
                steps:
                  - id: a
                    action: wait
                    with: { duration: 1ms }
                    verify:
                      - assert: { that: "{{ steps.a.status == 'succeeded' }}" }
                      - assert: { that: "{{ params.n == 3 }}", message: n is not 3 }
                """);
        assertThat(result.result("a").orElseThrow().error()).isEqualTo("verify assert failed: n is not 3");
        assertThat(result.status()).isEqualTo(RunStatus.VERIFY_FAILED);
        assertThat(result.status().exitCode()).isEqualTo(3);
    }

    @Test
    void independentStepsRunSideBySideUpToJobs() throws PlanError {
        String steps = """
                steps:
                  - { id: a, needs: [], action: wait, with: { duration: 400ms } }
                  - { id: b, needs: [], action: wait, with: { duration: 400ms } }
                """;
        long start = System.nanoTime();
        assertThat(run(steps, false, 2, true).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(750));
        start = System.nanoTime();
        run(steps, false, 1, true);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void aDeclinedConfirmationStopsTheStep() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: reset, action: wait, with: { duration: 1ms }, confirm: "Reset to {{ params.n }}?" }
                """, false, 1, false);
        assertThat(result.result("reset").orElseThrow().error()).isEqualTo("not confirmed: Reset to 2?");
    }

    @Test
    void dryRunPreviewsWhatChangesAndRunsProbes() throws PlanError {
        long start = System.nanoTime();
        RunResult result = run("""
                steps:
                  - { id: pause, action: wait, with: { duration: 5s } }
                  - { id: check, action: assert, with: { that: "{{ steps.pause.status == 'previewed' }}" } }
                  - { id: restore, action: sqlite.restore, with: { from: a.db, to: b.db } }
                """, true, 1, false, withoutAllBut("wait", "assert"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(statuses(result)).startsWith("pause:previewed check:succeeded restore:would refuse");
        assertThat(result.result("pause").orElseThrow().effects()).containsExactly("would wait 5s");
        assertThat(statuses(result)).isEqualTo("pause:previewed check:succeeded restore:would refuse");
        assertThat(result.result("restore").orElseThrow().error()).endsWith("declared but not implemented yet in this "
                + "version");
        assertThat(result.result("restore").orElseThrow().error())
                .isEqualTo("sqlite.restore is declared but not implemented yet in this version");
    }

    @Test
    void inADryRunAProbeAfterAPreviewedChangeIsNotRunButOneBeforeItIs() throws PlanError {
        long start = System.nanoTime();
        // Nothing listens on port 9: a probe that really ran would fail after its 20 s deadline.
        RunResult result = run("""
                steps:
                  - { id: before, action: assert, with: { that: "{{ 1 < 2 }}" } }
                  - { id: change, action: exec, with: { cmd: [touch, "%s/changed"] } }
                  - { id: pause, action: wait, with: { duration: 1s } }
                  - { id: health, action: http.check, with: { url: "http://127.0.0.1:9/health", deadline: 20s } }
                  - { id: side, needs: [before], action: assert, with: { that: "{{ 2 > 1 }}" } }
                """.formatted(dir), true, 1, false);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(statuses(result)).isEqualTo("before:succeeded change:previewed pause:previewed health:previewed "
                + "side:succeeded");
        assertThat(result.result("health").orElseThrow().effects()).containsExactly("not probed: it checks the state "
                + "after 'change', which this dry run only previewed");
        assertThat(result.result("health").orElseThrow().outputs()).containsEntry("status", StepRunner.UNKNOWN);
        assertThat(dir.resolve("changed")).doesNotExist();
    }

    @Test
    void aDryRunConditionIsUndecidedWhenItReadsAPlaceholderNeverWhenATextMerelyLooksLikeOne() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: change, action: exec, with: { cmd: [touch, "%s/changed"] } }
                  - { id: echo, needs: [], action: exec, readonly: true, with: { cmd: [printf, "(unknown until the step runs)"] } }
                  - id: after
                    needs: [change]
                    when: "{{ steps.change.outputs.exit_code == 0 }}"
                    action: wait
                    with: { duration: 1ms }
                  - id: looks
                    needs: [echo]
                    when: "{{ steps.echo.outputs.stdout }}"
                    action: wait
                    with: { duration: 1ms }
                """.formatted(dir), true, 1, false);
        // 'after' reads the previewed step's unknown exit code: it cannot be decided, so it is previewed.
        assertThat(result.result("after").orElseThrow().status()).isEqualTo(StepStatus.PREVIEWED);
        // 'looks' reads a real output whose text happens to be the placeholder's: a value, decided as one.
        StepResult looks = result.result("looks").orElseThrow();
        assertThat(looks.status()).isEqualTo(StepStatus.WOULD_REFUSE);
        assertThat(looks.failure()).isEqualTo(FailureKind.REFUSED);
        assertThat(looks.error()).startsWith("'when' must render to true or false");
    }

    @Test
    void howAStepFailedIsAValueSetWhereTheEngineKnowsIt() throws PlanError {
        RunResult result = run("""
                defaults: { on_error: continue }
                steps:
                  - { id: declined, confirm: "Go?", action: wait, with: { duration: 1ms } }
                  - { id: check, needs: [], action: assert, with: { that: "{{ 1 > 2 }}" } }
                  - { id: change, needs: [], action: exec, with: { cmd: [sh, -c, "exit 4"] } }
                  - { id: slow, needs: [], action: exec, timeout: 200ms, with: { cmd: [sleep, "20"] } }
                  - id: verified
                    needs: []
                    action: exec
                    with: { cmd: ["true"] }
                    verify:
                      - assert: { that: "{{ 1 > 2 }}" }
                """, false, 1, false);
        assertThat(result.results()).extracting(r -> r.stepId() + ":" + r.failure()).containsExactlyInAnyOrder(
                "declined:REFUSED", "check:CHECK_FAILED", "change:FAILED", "slow:TIMED_OUT",
                "verified:VERIFY_FAILED");
    }

    @Test
    void inADryRunAFailedProbeStillLeavesPlaceholdersForLaterSteps() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: probe, action: backup.find, with: { dir: /nonexistent } }
                  - { id: after, action: assert, with: { that: "{{ steps.probe.outputs.path != '' }}" } }
                  - { id: maybe, action: wait, with: { duration: 1s }, when: "{{ steps.probe.outputs.path }}" }
                """, true, 1, false);
        assertThat(statuses(result)).isEqualTo("probe:would refuse after:succeeded maybe:previewed");
    }

    @Test
    void undefinedNameAtRunTimeFailsTheStepWithItsName() throws PlanError {
        RunResult result = run("""
                steps:
                  - { id: a, action: assert, with: { that: "{{ env.NOT_SET_ANYWHERE == 'x' }}" } }
                """);
        assertThat(result.result("a").orElseThrow().error()).isEqualTo("cannot render: undefined name 'NOT_SET_ANYWHERE'");
    }

    @Test
    void interruptEndsRunningStepsAndReportsInterrupted() throws Exception {
        String text = "format: 1\nname: t\nsteps:\n  - { id: long, action: wait, with: { duration: 30s } }\n"
                + "finally:\n  - { id: cleanup, action: wait, with: { duration: 1ms } }\n";
        CheckedRunbook checked = CheckedRunbook.of(new RunbookSource("t.yaml", text), ActionRegistry.builtIn());
        Runbook runbook = checked.runbook().orElseThrow();
        StepGraph graph = checked.graph().orElseThrow();
        Engine engine = new Engine(runbook, graph, ActionRegistry.builtIn(), Implementations.builtIn(),
                RunListener.NONE, new RunOptions(false, 1, dir, dir, q -> true));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            engine.interrupt();
        });
        stopper.start();
        long start = System.nanoTime();
        RunResult result = engine.run(graph.order(), RunContexts.create(runbook, Map.of(), Map.of(), Map.of()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(statuses(result)).isEqualTo("long:interrupted cleanup:succeeded");
        assertThat(result.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(result.status().exitCode()).isEqualTo(130);
    }

    static List<String> ids(RunResult result) {
        return result.results().stream().map(StepResult::stepId).toList();
    }
}
