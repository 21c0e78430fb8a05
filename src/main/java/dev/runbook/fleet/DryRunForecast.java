package dev.runbook.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a fleet dry run's previews mean for the real run, which goes in waves under a failure budget:
 * the wave after which it would stop, the waves that would never start, and what fleet rollback would
 * then undo. The dry run previews every host at once, so without this line its "h4 would change"
 * would not tell that the real run never reaches h4.
 */
final class DryRunForecast {

    private DryRunForecast() {
    }

    static Optional<String> of(FleetRequest request, List<HostRecord> previews) {
        Map<String, HostRecord> byHost = previews.stream().collect(Collectors.toMap(HostRecord::host,
                Function.identity(), (a, b) -> a));
        List<List<FleetHost>> waves = request.serial().waves(request.hosts());
        int failed = 0;
        for (int i = 0; i < waves.size(); i++) {
            for (FleetHost host : waves.get(i)) {
                HostRecord preview = byHost.get(host.name());
                if (preview != null && preview.status().failed()) {
                    failed++;
                }
            }
            if (request.budget().spent(failed, request.hosts().size())) {
                String undo = request.rollback() ? "; fleet rollback would then undo the hosts that finished"
                        : "; with --no-fleet-rollback, the hosts that finished would stay changed";
                return Optional.of("the real run would stop in wave " + (i + 1) + " of " + waves.size() + " ("
                        + failed + " failing, --max-fail " + request.budget() + ")"
                        + (i + 1 < waves.size() ? ": later waves would not start" : "") + undo);
            }
        }
        return Optional.empty();
    }
}
