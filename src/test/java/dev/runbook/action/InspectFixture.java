package dev.runbook.action;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Calls forensics.collect, file.check, json.set and disk.check with a work dir and a run's forensics folder. */
final class InspectFixture {

    final Path work;
    final Path forensics;

    InspectFixture(Path dir) {
        this.work = dir.resolve("work");
        this.forensics = dir.resolve("state/runs/r1/forensics");
    }

    StepContext context(String action, Map<String, Object> args) {
        return new StepContext("step", new Arguments(ActionRegistry.builtIn().find(action).orElseThrow(), args),
                false, work, work.resolve("step.log"), Optional.empty(), new Cancellation(), q -> false,
                RunScope.unjournaled("r1", forensics));
    }

    Outcome run(String action, Map<String, Object> args) throws ActionException {
        return Implementations.builtIn().find(action).orElseThrow().run(context(action, args));
    }

    Preview preview(String action, Map<String, Object> args) throws ActionException {
        return Implementations.builtIn().find(action).orElseThrow().preview(context(action, args));
    }
}
