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

    private static HostParams.Fit check(Set<String> given, List<FleetHost> hosts) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        given.forEach(name -> values.put(name, name.equals("app_dir") ? "/srv/typed" : "s3cret-value"));
        return HostParams.check(RUNBOOK, values, Map.of(), hosts);
    }

    @Test
    void everyHostGettingWhatTheRunbookNeedsPassesWithNothingToSay() {
        List<FleetHost> hosts = List.of(host("a", Map.of("app_dir", "/srv/a", "ansible_host", "10.0.0.1",
                "runbook_state", "/var/lib/rb")), host("b", Map.of("app_dir", "/srv/b", "port", "8080")));
        HostParams.Fit fit = check(Set.of("token"), hosts);
        assertThat(fit.refusals()).isEmpty();
        assertThat(fit.notes()).isEmpty();
        assertThat(fit.hosts()).isEqualTo(hosts);
        // Given on the line, a required param needs no host variable.
        assertThat(check(Set.of("app_dir", "token"), List.of(host("c", Map.of()))).refusals()).isEmpty();
    }

    @Test
    void variablesTheRunbookDoesNotDeclareAreNotPassedAndSaidInOneNoteWithLikelyTyposApart() {
        List<FleetHost> hosts = List.of(host("a", Map.of("app_dir", "/srv/a", "http_port", "80", "ntp", "x")),
                host("b", Map.of("app_dir", "/srv/b", "http_port", "80", "nte", "typo")));
        HostParams.Fit fit = check(Set.of("token"), hosts);
        assertThat(fit.refusals()).isEmpty();
        assertThat(fit.notes()).containsExactly(
                "note: 2 inventory variables are not a parameter of this runbook and not passed: http_port, ntp",
                "warning: inventory variable 'nte' of host b is not a parameter of this runbook and is not passed: "
                        + "did you mean 'note'?");
        assertThat(fit.hosts()).extracting(FleetHost::params).containsExactly(Map.of("app_dir", "/srv/a"),
                Map.of("app_dir", "/srv/b"));
        // The controller's own variables stay for the controller.
        assertThat(check(Set.of("token"), List.of(host("c", Map.of("app_dir", "/", "runbook_java", "/opt/j/java",
                "ansible_host", "h")))).hosts().get(0).vars()).containsOnlyKeys("app_dir", "runbook_java", "ansible_host");
    }

    @Test
    void anUnknownParamAMissingOneAndOneWhoseValueCannotBeAParamAreEachSaidOnceWithTheirHosts() {
        FleetHost listed = new FleetHost("c", "127.0.0.1", Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), Map.of(), Map.of("app_dir", "is a list, and runbook params are text (i.yml:4:9)",
                "other", "is a list, and runbook params are text (i.yml:5:9)"), List.of(), Map.of());
        List<FleetHost> hosts = List.of(host("a", Map.of("app_dir", "/srv/a")), host("b", Map.of("app_dri", "/srv/b")),
                listed);
        List<PlanError.Reason> reasons = check(Set.of("token", "nope"), hosts).refusals();
        assertThat(reasons).extracting(PlanError.Reason::message).containsExactly(
                "unknown parameter 'nope' (-p nope=...)",
                "inventory variable 'app_dir' is a list, and runbook params are text (i.yml:4:9), on host c",
                "missing required parameter 'app_dir' on host b");
        assertThat(reasons.get(1).hint()).isEqualTo("give it a plain value in the inventory, or on the command line "
                + "(-p, or a secret with --secret-file, --secret-env or --secrets-stdin)");
        assertThat(reasons.get(2).hint()).isEqualTo("give it with -p app_dir=VALUE, or as a variable of that host "
                + "in the inventory");
        // Given on the line, the inventory's unusable value is not needed.
        assertThat(check(Set.of("token", "app_dir"), List.of(listed)).refusals()).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsSaidOnceWithItsHostsBeforeAnyHostIsContacted() {
        List<FleetHost> hosts = List.of(host("a", Map.of("app_dir", "/srv/a", "port", "lots")),
                host("b", Map.of("app_dir", "/srv/b", "port", "lots")), new FleetHost("c", "127.0.0.1", Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Map.of("app_dir", "", "port", "8080"), Map.of(), List.of(),
                Map.of("app_dir", "hosts.yml:7:30")));
        List<PlanError.Reason> reasons = HostParams.check(RUNBOOK, Map.of("token", "abc"), Map.of("token",
                "--secret-env token=T"), hosts).refusals();
        assertThat(reasons).extracting(PlanError.Reason::message).containsExactly(
                "--secret-env token=T: secret parameter 'token' is shorter than 6 characters, too short to mask "
                        + "safely (it would be found, and masked, inside unrelated output)",
                "inventory variable 'app_dir' (hosts.yml:7:30): parameter 'app_dir' must be a path, found \"\", on host c",
                "inventory variable 'port': parameter 'port' must be an integer, found \"lots\", on hosts a, b");
    }

    @Test
    void aFleetWideGapNamesTheCountNotEveryHost() {
        List<FleetHost> hosts = IntStream.rangeClosed(1, 40).mapToObj(i -> host("h" + i, Map.of())).toList();
        assertThat(check(Set.of("token"), hosts).refusals()).extracting(PlanError.Reason::message)
                .containsExactly("missing required parameter 'app_dir' on every host (40)");
        List<FleetHost> most = IntStream.rangeClosed(1, 40).mapToObj(i -> host("h" + i, i == 40
                ? Map.of("app_dir", "/srv") : Map.of())).toList();
        assertThat(check(Set.of("token"), most).refusals()).extracting(PlanError.Reason::message)
                .containsExactly("missing required parameter 'app_dir' on hosts h1, h2, h3, h4, h5 and 34 more");
    }
}
