package dev.runbook.app;

import dev.runbook.model.Runbook;
import java.util.Map;

/**
 * Going on with a run: its id, the decisions the operator gave, and where the secrets come from
 * again (the journal keeps them as ***; which are needed is known once the runbook is read).
 */
public record ResumeRequest(String runId, boolean force, boolean retryInterrupted, boolean stopSurvivors,
                            Secrets secrets) {

    /** The secret parameters' values, given again for {@code runbook}. */
    @FunctionalInterface
    public interface Secrets {
        Map<String, String> of(Runbook runbook) throws Refusal;
    }
}
