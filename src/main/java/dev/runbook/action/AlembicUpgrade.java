package dev.runbook.action;

/** alembic.upgrade: to a revision, a relative step (+1) or head. */
final class AlembicUpgrade extends AlembicMigrate {

    static final Param<String> TARGET = Param.string("target", "Revision id, relative step like +1, or head.", "head")
            .byDefault("head");

    private static final ActionSpec SPEC = ActionSpec.define("alembic.upgrade", "Upgrade to a revision, a relative "
                    + "step (+1) or head.")
            .params(AlembicSteps.withCommon(TARGET))
            .outputs(BEFORE, AFTER)
            .plan("upgrade Alembic to {target}[ ({db})]")
            .reads(PreviewReads.ALEMBIC_PROJECT)
            .build();

    AlembicUpgrade() {
        super(true);
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
