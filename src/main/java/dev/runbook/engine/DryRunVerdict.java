package dev.runbook.engine;

/**
 * A dry run's step end as a gate reads it: a step that failed in a dry run (its preview threw, a
 * probe failed or refused, a template would not render) is what the real run would not get past,
 * so it ends WOULD_FAIL, or WOULD_REFUSE when nothing would be changed (the action refused).
 */
final class DryRunVerdict {

    private DryRunVerdict() {
    }

    static StepResult of(StepResult result) {
        return switch (result.status()) {
            case FAILED, VERIFY_FAILED -> result.withStatus(result.refused() ? StepStatus.WOULD_REFUSE
                    : StepStatus.WOULD_FAIL);
            default -> result;
        };
    }
}
