package dev.runbook.console;

import dev.runbook.engine.RunResult;
import dev.runbook.engine.StepResult;
import dev.runbook.template.Masker;
import java.util.List;

/**
 * The last line of a dry run, for a person or a CI log deciding whether to go ahead: every step the
 * real run would not get past, with its reason, or that every selected step would run. The exit
 * code says the same (0, or 7 for "would stop").
 */
public final class GateLine {

    private GateLine() {
    }

    public static String of(RunResult result, Masker masker) {
        List<StepResult> stops = result.wouldStop();
        if (stops.isEmpty()) {
            return "gate: every selected step would run (as far as the real state shows)";
        }
        StringBuilder line = new StringBuilder("gate: would stop at " + stops.size() + " step"
                + (stops.size() == 1 ? "" : "s") + ": ");
        for (int i = 0; i < stops.size(); i++) {
            StepResult stop = stops.get(i);
            line.append(i == 0 ? "" : "; ").append(stop.stepId()).append(" ").append(stop.status().word())
                    .append(stop.error() == null ? "" : ": " + stop.error());
        }
        return masker.mask(line.toString());
    }
}
