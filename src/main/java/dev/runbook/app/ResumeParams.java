package dev.runbook.app;

import dev.runbook.journal.RunRecord;
import dev.runbook.model.Param;
import dev.runbook.model.Runbook;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters a resumed run gets: the values the run started with, as the journal kept them,
 * and the secrets again from the command line (the journal keeps them as ***). Other values cannot
 * change mid-run: the steps already done used them.
 */
final class ResumeParams {

    private ResumeParams() {
    }

    static Map<String, String> given(Runbook runbook, RunRecord run, Map<String, String> secrets) throws Refusal {
        for (String name : secrets.keySet()) {
            if (runbook.param(name).filter(Param::secret).isEmpty()) {
                throw new Refusal(Refusal.Kind.USAGE, "-p " + name + ": only secret parameters are given again to "
                        + "resume; the others keep the values run " + run.id() + " started with",
                        "to change '" + name + "', start a new run");
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Param param : runbook.params()) {
            Object kept = run.params().get(param.name());
            if (param.secret() && kept != null) {
                String value = secrets.get(param.name());
                if (value == null) {
                    throw new Refusal(Refusal.Kind.USAGE, "secret parameter '" + param.name() + "' is not kept in "
                            + "the journal", "give it again: --secret-file " + param.name() + "=PATH, --secret-env " + param.name()
                            + "=VAR or -p " + param.name() + "=...");
                }
                given.put(param.name(), value);
            } else if (kept != null) {
                given.put(param.name(), String.valueOf(kept));
            }
        }
        return given;
    }
}
