package dev.runbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Implementations;
import dev.runbook.model.Step;
import dev.runbook.parse.RunbookSource;
import dev.runbook.validate.CheckedRunbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine runs once: a second call refuses instead of running with the first run's dead timer. */
class EngineOneShotTest {

    @TempDir
    Path dir;

    private final List<String> started = new CopyOnWriteArrayList<>();

    private final RunListener recordStarts = new RunListener() {
        @Override
        public void stepStarted(Step step, int attempt, String title) {
            started.add(step.id());
        }
    };

    @Test
    void aSecondRunOrResumeRefusesAndStartsNoStep() throws Exception {
        Path marker = dir.resolve("written");
        String text = "format: 1\nname: once\nsteps:\n"
                + "  - { id: write, action: exec, with: { cmd: [touch, \"" + marker + "\"] } }\n";
        CheckedRunbook checked = CheckedRunbook.of(new RunbookSource("once.yaml", text), ActionRegistry.builtIn());
        assertThat(checked.problems()).as(text).isEmpty();
        Engine engine = new Engine(checked.runbook().orElseThrow(), checked.graph().orElseThrow(),
                ActionRegistry.builtIn(), Implementations.builtIn(), recordStarts,
                new RunOptions(false, 1, dir, dir, question -> true));
        List<Step> steps = checked.graph().orElseThrow().order();
        RunContext context = RunContexts.create(checked.runbook().orElseThrow(), Map.of(), Map.of(),
                Map.of("id", "r1", "runbook", "once"));

        assertThat(engine.run(steps, context).status()).isEqualTo(RunStatus.SUCCEEDED);
        Files.delete(marker);

        assertThatThrownBy(() -> engine.run(steps, context)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("an engine runs once");
        assertThatThrownBy(() -> engine.resume(steps, context, Resumption.NONE))
                .isInstanceOf(IllegalStateException.class);
        assertThat(started).containsExactly("write");
        assertThat(marker).doesNotExist();
    }
}
