package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.action.ActionRegistry;
import dev.runbook.model.Runbook;
import dev.runbook.parse.RunbookSource;
import dev.runbook.plan.PlanError;
import dev.runbook.validate.CheckedRunbook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every host's run would refuse at its start is said once, before any host is contacted. */
class HostParamsTest {

    private static final Runbook RUNBOOK = CheckedRunbook.of(new RunbookSource("p.yaml", """
            format: 1
            name: p
            params:
              app_dir: { type: path }
              port: { type: int, default: 80 }
              note: { type: string, required: false }
              token: { type: string, secret: true }
            steps:
              - { id: s, action: exec, with: { cmd: [/bin/true] } }
            """), ActionRegistry.builtIn()).runbook().orElseThrow();

    private static FleetHost host(String name, Map<String, String> vars) {
        return new FleetHost(name, "127.0.0.1", Optional.empty(), Optional.empty(), List.of(), vars);
    }

    @Test
    void everyHostGettingWhatTheRunbookNeedsAndNothingElsePasses() {
        List<FleetHost> hosts = List.of(host("a", Map.of("app_dir", "/srv/a", "ansible_host", "10.0.0.1",
                "runbook_state", "/var/lib/rb")), host("b", Map.of("app_dir", "/srv/b", "port", "8080")));
        assertThat(HostParams.check(RUNBOOK, Set.of("token"), Map.of(), hosts)).isEmpty();
        // Given on the line, a required param needs no host variable.
        assertThat(HostParams.check(RUNBOOK, Set.of("app_dir", "token"), Map.of(), List.of(host("c", Map.of())))).isEmpty();
    }

    @Test
    void anUnknownVariableAnUnknownParamAndAMissingOneAreEachSaidOnceWithTheirHosts() {
        List<FleetHost> hosts = List.of(host("a", Map.of("app_dir", "/srv/a", "http_port", "80")),
                host("b", Map.of("app_dri", "/srv/b", "http_port", "80")), host("c", Map.of("app_dir", "/srv/c")));
        List<PlanError.Reason> reasons = HostParams.check(RUNBOOK, Set.of("token", "nope"), Map.of(), hosts);
        assertThat(reasons).extracting(PlanError.Reason::message).containsExactly(
                "unknown parameter 'nope' (-p nope=...)",
                "inventory variable 'http_port' of hosts a, b is not a parameter of this runbook",
                "inventory variable 'app_dri' of host b is not a parameter of this runbook",
                "missing required parameter 'app_dir' on host b");
        assertThat(reasons.get(2).hint()).isEqualTo("did you mean 'app_dir'? (its parameters: app_dir, port, note, "
                + "token); the controller's own variables start with runbook_ or ansible_");
        assertThat(reasons.get(3).hint()).isEqualTo("give it with -p app_dir=VALUE, or as a variable of that host "
                + "in the inventory");
    }

    @Test
    void aFleetWideGapNamesTheCountNotEveryHost() {
        List<FleetHost> hosts = IntStream.rangeClosed(1, 40).mapToObj(i -> host("h" + i, Map.of())).toList();
        assertThat(HostParams.check(RUNBOOK, Set.of("token"), Map.of(), hosts)).extracting(PlanError.Reason::message)
                .containsExactly("missing required parameter 'app_dir' on every host (40)");
        List<FleetHost> most = IntStream.rangeClosed(1, 40).mapToObj(i -> host("h" + i, i == 40
                ? Map.of("app_dir", "/srv") : Map.of())).toList();
        assertThat(HostParams.check(RUNBOOK, Set.of("token"), Map.of(), most)).extracting(PlanError.Reason::message)
                .containsExactly("missing required parameter 'app_dir' on hosts h1, h2, h3, h4, h5 and 34 more");
    }
}
