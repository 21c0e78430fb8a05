package dev.runbook.action;

import dev.runbook.alembic.AlembicCli;
import dev.runbook.alembic.AlembicProject;
import dev.runbook.process.CommandResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** alembic.current: what alembic says, checked against alembic_version when the database is known. */
final class AlembicCurrent implements BuiltIn {

    static final Output<String> REVISION = Output.string("revision", "The current revision (empty at base).");

    private static final ActionSpec SPEC = ActionSpec.define("alembic.current", "Show the database's current revision.")
            .readOnly()
            .params(AlembicSteps.withCommon())
            .outputs(REVISION)
            .plan("read the Alembic revision[ of {db}]")
            .reads(PreviewReads.ALEMBIC_PROJECT)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "at " + revisionText(outcome)
                : "cannot tell now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        AlembicProject project = AlembicSteps.project(context);
        CommandResult result = AlembicSteps.alembic(context, project, "current");
        Optional<String> revision = AlembicCli.current(result.stdout());
        Map<String, Object> outputs = new Outputs().put(REVISION, revision.orElse("")).map();
        if (!result.ok()) {
            return Outcome.failed(AlembicSteps.failure("alembic current", result), outputs);
        }
        Optional<Optional<String>> recorded = AlembicSteps.recorded(project);
        if (recorded.isPresent() && !recorded.get().equals(revision)) {
            return Outcome.failed("alembic current says " + revision.orElse("base") + " but alembic_version in "
                    + project.db().get() + " holds " + recorded.get().orElse("nothing"), outputs);
        }
        return Outcome.ok(outputs);
    }

    private static String revisionText(Outcome outcome) {
        String revision = String.valueOf(outcome.outputs().get(REVISION.name()));
        return revision.isEmpty() ? "base (no revision)" : revision;
    }
}
