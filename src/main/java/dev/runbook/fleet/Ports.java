package dev.runbook.fleet;

import dev.runbook.source.Problems;
import dev.runbook.yaml.Node;
import java.util.Optional;

/** A TCP port from an inventory value, or a located problem. */
final class Ports {

    private Ports() {
    }

    static Optional<Integer> parse(String text, Node where, Problems problems) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return Optional.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value's place
        }
        problems.add(where.location(), "port '" + text + "' is not a TCP port (1-65535)", null);
        return Optional.empty();
    }
}
