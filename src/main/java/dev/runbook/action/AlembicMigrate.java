package dev.runbook.action;

import dev.runbook.alembic.AlembicCli;
import dev.runbook.alembic.AlembicException;
import dev.runbook.alembic.AlembicProject;
import dev.runbook.alembic.Revision;
import dev.runbook.alembic.RevisionGraph;
import dev.runbook.process.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * alembic.downgrade and alembic.upgrade. The target is resolved against the scripts' revision
 * chain before anything runs, so the preview and the run mean the same revision, and alembic is
 * handed that absolute revision (a relative "-1" cannot drift if the database moved meanwhile).
 * Afterwards alembic_version must equal it.
 */
abstract class AlembicMigrate implements BuiltIn {

    static final Output<String> BEFORE = Output.string("before", "Revision before.");
    static final Output<String> AFTER = Output.string("after", "Revision after.");

    private final boolean upgrade;

    AlembicMigrate(boolean upgrade) {
        this.upgrade = upgrade;
    }

    /** The action's own 'target' declaration (required for a downgrade, head by default for an upgrade). */
    abstract Param<String> target();

    /** Where the database is, where it would go, and the revisions in between in the order they would run. */
    private record Plan(Optional<String> before, Optional<String> after, List<Revision> steps) {
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        AlembicProject project = project(context);
        SimulatedState simulated = context.run().simulated();
        Optional<SimulatedState.DatabaseRevision> earlier = project.db().flatMap(simulated::revisionOf);
        List<String> effects = new ArrayList<>();
        if (earlier.isPresent()) { // an earlier step decides where this one starts, not today's database
            SimulatedState.DatabaseRevision by = earlier.get();
            if (!by.known()) {
                return Preview.opaque(List.of("would run alembic " + (upgrade ? "upgrade " : "downgrade ")
                        + context.get(target()) + " on " + by.source() + "; which revisions cannot be known until "
                        + "then"));
            }
            effects.add("starting from " + name(by.revision()) + ", the revision of " + by.source() + ", not of "
                    + project.db().get() + " as it is now");
        }
        Optional<Optional<String>> recorded = earlier.isPresent() ? earlier.map(SimulatedState.DatabaseRevision::revision)
                : AlembicSteps.recorded(project);
        if (recorded.isEmpty()) {
            // A preview never runs alembic, and without the database the starting point is unknown.
            return Preview.opaque(List.of("would run alembic " + (upgrade ? "upgrade " : "downgrade ")
                    + context.get(target()) + "; which revisions cannot be told without the database "
                    + "(set db, or use a sqlite:/// sqlalchemy.url)"));
        }
        Plan plan = plan(context, project, recorded.get());
        simulated.wouldLeave(project.db().get(), new SimulatedState.DatabaseRevision("the database as step '"
                + context.stepId() + "' would leave it", true, plan.after()));
        String verb = upgrade ? "apply" : "undo";
        if (plan.steps().isEmpty()) {
            effects.add("nothing to " + verb + ": already at " + name(plan.before()));
        } else {
            effects.add("would " + verb + " " + plan.steps().size() + " revision" + (plan.steps().size() == 1 ? "" : "s")
                    + ", " + name(plan.before()) + " -> " + name(plan.after()) + ":");
            plan.steps().forEach(step -> effects.add("  " + verb + " " + step.describe()));
        }
        return new Preview(PreviewKind.SIMULATED, effects, outputs(plan.before(), plan.after()));
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        AlembicProject project = project(context);
        Optional<String> before = now(context, project);
        Plan plan = plan(context, project, before);
        // "--": a revision id is never read as an option, whatever the scripts call it.
        CommandResult result = AlembicSteps.alembic(context, project, upgrade ? "upgrade" : "downgrade",
                "--", plan.after().orElse("base"));
        Optional<String> after = now(context, project);
        Map<String, Object> outputs = outputs(before, after);
        String command = "alembic " + (upgrade ? "upgrade " : "downgrade ") + plan.after().orElse("base");
        if (!result.ok()) {
            return Outcome.failed(AlembicSteps.failure(command, result) + "; now at " + name(after), outputs);
        }
        if (!after.equals(plan.after())) {
            return Outcome.failed(command + " exited 0 but the database is at " + name(after) + ", not "
                    + name(plan.after()), outputs);
        }
        return Outcome.ok(outputs);
    }

    private Plan plan(StepContext context, AlembicProject project, Optional<String> before) throws ActionException {
        String target = context.get(target());
        try {
            RevisionGraph graph = RevisionGraph.load(project.versions());
            Optional<String> after = graph.resolve(target, before);
            int from = graph.position(before);
            int to = graph.position(after);
            if (upgrade ? to < from : to > from) {
                throw ActionException.refused("'" + target + "' is " + name(after) + ", " + (upgrade ? "below" : "above")
                        + " the current revision " + name(before) + "; use alembic." + (upgrade ? "downgrade"
                        : "upgrade"));
            }
            return new Plan(before, after, graph.between(before, after));
        } catch (AlembicException e) {
            throw ActionException.refused(e.getMessage());
        }
    }

    /** alembic_version read directly, or (no database known) what `alembic current` says. */
    private static Optional<String> now(StepContext context, AlembicProject project) throws ActionException {
        Optional<Optional<String>> recorded = AlembicSteps.recorded(project);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        CommandResult current = AlembicSteps.alembic(context, project, "current");
        if (!current.ok()) {
            throw new ActionException(AlembicSteps.failure("alembic current", current));
        }
        return AlembicCli.current(current.stdout());
    }

    private static AlembicProject project(StepContext context) throws ActionException {
        return AlembicSteps.project(context);
    }

    private static String name(Optional<String> revision) {
        return revision.orElse("base");
    }

    private static Map<String, Object> outputs(Optional<String> before, Optional<String> after) {
        return new Outputs().put(BEFORE, before.orElse("")).put(AFTER, after.orElse("")).map();
    }
}
