package dev.runbook.action;

import dev.runbook.alembic.AlembicCli;
import dev.runbook.process.CommandResult;
import java.util.List;
import java.util.Map;

/** alembic.history: the revisions alembic lists, newest first. */
final class AlembicHistory implements BuiltIn {

    static final Output<List<String>> REVISIONS = Output.list("revisions", "Revision ids, newest first.");
    static final Output<String> HEAD = Output.string("head", "The head revision.");

    private static final ActionSpec SPEC = ActionSpec.define("alembic.history", "List the migration history, newest "
                    + "first.")
            .readOnly()
            .params(AlembicSteps.withCommon())
            .outputs(REVISIONS, HEAD)
            .plan("list the Alembic history[ in {cwd}]")
            .reads(PreviewReads.ALEMBIC_PROJECT)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "history of "
                + ((List<?>) outcome.outputs().get(REVISIONS.name())).size() + " revisions, head "
                + outcome.outputs().get(HEAD.name()) : "cannot list now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        CommandResult result = AlembicSteps.alembic(context, AlembicSteps.project(context), "history");
        List<String> revisions = AlembicCli.history(result.stdout());
        Map<String, Object> outputs = new Outputs().put(REVISIONS, revisions)
                .put(HEAD, revisions.isEmpty() ? "" : revisions.get(0)).map();
        return result.ok() ? Outcome.ok(outputs)
                : Outcome.failed(AlembicSteps.failure("alembic history", result), outputs);
    }
}
