package dev.runbook.fleet;

import dev.runbook.source.Problems;
import dev.runbook.spec.Suggestions;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import java.util.List;
import java.util.Map;

/**
 * The inventory variables that steer the controller on a host ({@code runbook_cache}, {@code
 * runbook_state}, {@code runbook_java}), checked where they are written. An empty one is refused: an
 * empty cache folder would put the jar at the root of the host's file system. A {@code runbook_} name
 * that is none of them is refused too (a typo of runbook_state would silently keep the default journal
 * folder).
 */
final class ControllerVariables {

    static final List<String> NAMES = List.of(FleetHost.CACHE_VAR, FleetHost.STATE_VAR, FleetHost.JAVA_VAR);

    private ControllerVariables() {
    }

    static void check(Map<String, Node> vars, Problems problems) {
        vars.forEach((name, node) -> {
            if (!name.startsWith("runbook_")) {
                return;
            }
            if (!NAMES.contains(name)) {
                String close = Suggestions.didYouMean(name, NAMES);
                problems.add(node.location(), "unknown controller variable '" + name + "'", (close != null ? close
                        + "; " : "") + "the controller's own: " + String.join(", ", NAMES));
            } else if (node instanceof Scalar scalar && (scalar.isNull() || scalar.text().isBlank()
                    || scalar.text().strip().equals("/"))) {
                problems.add(node.location(), name + " is " + (scalar.text().strip().equals("/") ? "the root folder"
                        : "empty"), "leave it out for the default, or name a folder (" + FleetHost.CACHE_VAR
                        + ": .cache/runbook under the login's home; " + FleetHost.STATE_VAR + ": the engine's own)");
            }
        });
    }
}
