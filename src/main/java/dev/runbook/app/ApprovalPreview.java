package dev.runbook.app;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Implementations;
import dev.runbook.action.RunScope;
import dev.runbook.engine.Engine;
import dev.runbook.engine.Resumption;
import dev.runbook.engine.RunContext;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunOptions;
import dev.runbook.engine.RunResult;
import dev.runbook.engine.StepResult;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.plan.StepGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each step's preview says right now, for the up-front approval: the selected steps are dry-run
 * first (as Terraform plans before it applies), without step lines and outside the journal, so the operator
 * approves what the real state shows ("would replace data/tmws.db, 12 pages differ") rather than
 * the runbook's words, and sees before answering when a step would refuse. Simulated effects carry
 * forward as in any dry run. Step logs and anything a probe writes go to a temporary folder that is
 * deleted afterwards: a declined run leaves nothing but its journal row.
 */
final class ApprovalPreview {

    /** The dry run's steps by id, and the steps it says the real run would not get past. */
    record Previewed(Map<String, StepResult> steps, List<StepResult> wouldStop) {
    }

    private ApprovalPreview() {
    }

    static Previewed of(Settings settings, Runbook runbook, StepGraph graph, List<Step> steps, RunContext context,
                        List<String> secrets, String runId) {
        return of(settings, runbook, graph, steps, context, secrets, runId, Resumption.NONE);
    }

    /** {@code resumption}: a resumed run's steps done before, which are not previewed again. */
    static Previewed of(Settings settings, Runbook runbook, StepGraph graph, List<Step> steps, RunContext context,
                        List<String> secrets, String runId, Resumption resumption) {
        if (!settings.json()) {
            // A dry run of a large restore takes a while: say why nothing is asked yet.
            settings.err().println("previewing the run before asking (a dry run against the real state; --yes skips it) ...");
            settings.err().flush();
        }
        Path scratch = scratch();
        try {
            Engine engine = new Engine(runbook, graph, ActionRegistry.builtIn(), Implementations.builtIn(),
                    new RunListener() { }, new RunOptions(true, settings.jobs(), Path.of(""), scratch.resolve("logs"),
                            question -> false, new RunScope(runId, scratch.resolve("forensics"), Optional.empty(), secrets,
                            null, null, settings.restoreHooks())));
            RunResult result = engine.resume(steps, context, resumption);
            return new Previewed(result.results().stream().collect(Collectors.toMap(StepResult::stepId,
                    Function.identity(), (first, later) -> later)), result.results().stream()
                    .filter(r -> r.status().wouldStop()).toList());
        } finally {
            delete(scratch);
        }
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("runbook-approval-preview");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for the previews", e);
        }
    }

    private static void delete(Path root) {
        try {
            dev.runbook.files.Durable.deleteTree(root);
        } catch (IOException e) {
            // A leftover temporary folder of previews is not worth failing the run over.
        }
    }
}
