package dev.runbook.app;

/**
 * Reversing a finished run: its id, the decisions the operator gave, and the secrets again.
 *
 * @param acceptPartial undo although some completed steps declare no undo
 * @param acceptChangedRunbook use the runbook's undos as written now although the file changed
 */
public record UndoRequest(String runId, boolean acceptPartial, boolean acceptChangedRunbook,
                          ResumeRequest.Secrets secrets) {
}
