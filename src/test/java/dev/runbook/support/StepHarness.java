package dev.runbook.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Implementations;
import dev.runbook.engine.Engine;
import dev.runbook.engine.RunContexts;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunOptions;
import dev.runbook.engine.StepResult;
import dev.runbook.model.Runbook;
import dev.runbook.parse.RunbookSource;
import dev.runbook.validate.CheckedRunbook;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one step through the real engine, as a runbook would: validated, templates rendered, the
 * action's preview in a dry run, its run and its verify checks otherwise. The work folder is the
 * test's temp folder; logs and forensics go under {@code <dir>/.logs}.
 */
public final class StepHarness {

    private final Path dir;

    public StepHarness(Path dir) {
        this.dir = dir;
    }

    /** {@code step} is the YAML of one step without its leading "- ", e.g. "id: s\n    action: ...". */
    public StepResult run(String step, boolean dryRun) {
        String text = "format: 1\nname: t\nsteps:\n  - " + step + "\n";
        CheckedRunbook checked = CheckedRunbook.of(new RunbookSource("t.yaml", text), ActionRegistry.builtIn());
        assertThat(checked.problems()).as(text).isEmpty();
        Runbook runbook = checked.runbook().orElseThrow();
        try {
            return new Engine(runbook, checked.graph().orElseThrow(), ActionRegistry.builtIn(), Implementations.builtIn(),
                RunListener.NONE, new RunOptions(dryRun, 1, dir, dir.resolve(".logs"), q -> false))
                .run(checked.graph().orElseThrow().order(), RunContexts.create(runbook, Map.of(), Map.of(), Map.of()))
                .results().get(0);
        } catch (dev.runbook.plan.PlanError e) {
            throw new IllegalStateException(e);
        }
    }

    /** One action with its arguments as a YAML flow mapping: {@code action("sqlite.query", "{ db: a.db }")}. */
    public StepResult action(String action, String with, boolean dryRun) {
        return run("id: s\n    action: " + action + "\n    with: " + with, dryRun);
    }

    public Path forensics() {
        return dir.resolve(".logs").resolve("forensics");
    }
}
