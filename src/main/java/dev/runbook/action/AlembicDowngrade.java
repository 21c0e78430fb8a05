package dev.runbook.action;

/** alembic.downgrade: to a revision, a relative step (-1) or base, checked against alembic_version after. */
final class AlembicDowngrade extends AlembicMigrate {

    static final Param<String> TARGET = Param.string("target", "Revision id, relative step like -1, or base.", "-1")
            .required();

    private static final ActionSpec SPEC = ActionSpec.define("alembic.downgrade", "Downgrade to a revision, a "
                    + "relative step (-1) or base; afterwards alembic_version must equal the target.")
            .params(AlembicSteps.withCommon(TARGET))
            .outputs(BEFORE, AFTER)
            .plan("downgrade Alembic to {target}[ ({db})]")
            .reads(PreviewReads.ALEMBIC_PROJECT)
            .build();

    AlembicDowngrade() {
        super(false);
    }

    @Override
    Param<String> target() {
        return TARGET;
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }
}
