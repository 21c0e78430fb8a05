package dev.runbook.app;

import dev.runbook.plan.PlanRequest;
import dev.runbook.validate.CheckedRunbook;
import java.util.Optional;

/**
 * A new run: the runbook as checked (valid), the file it came from (the journal keeps it for
 * resume and undo), the parameters as given with their origins, and what to run of it.
 *
 * @param stateNote a note about the state folder to print before the run starts, if any
 */
public record RunRequest(String file, CheckedRunbook checked, GivenParams given, PlanRequest plan,
                         Optional<String> stateNote) {
}
