package dev.runbook.app;

import dev.runbook.journal.RunRecorder;
import dev.runbook.process.CommandWatch;
import java.time.Instant;
import java.util.List;

/**
 * Journals the commands of one step: each gets the token prefix {@code RUN_ID/STEP_ID/} (both on
 * disk with the step's intent before the command starts), and its pid and start mark are recorded
 * the moment it has started. A resume finds what a dead run left running by either
 * ({@link ResumeSurvivors}).
 */
record JournaledCommands(RunRecorder recorder, String runId, String stepId) implements CommandWatch {

    static String prefix(String runId, String stepId) {
        return runId + "/" + stepId + "/";
    }

    static String runPrefix(String runId) {
        return runId + "/";
    }

    @Override
    public String tokenPrefix() {
        return prefix(runId, stepId);
    }

    @Override
    public void started(String token, List<String> command, long pid) {
        recorder.commandStarted(stepId, token, String.join(" ", command), pid, Instant.now());
    }
}
