package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What one host's run is given: the command line over the inventory, as Ansible's -e is; secrets never as params. */
class FleetRequestTest {

    @Test
    void theCommandLineWinsOverAHostsVariableAndASecretIsNeverAParam() {
        FleetHost host = new FleetHost("web1", "10.0.0.1", Optional.empty(), Optional.empty(), List.of(),
                Map.of("app_dir", "/srv/inventory", "tier", "a", "token", "from-inventory", "ansible_user", "ops"));
        FleetRequest request = new FleetRequest("f", Path.of("r.yaml"), "r", "hosts.yaml", List.of(host), List.of(),
                Map.of("app_dir", "/srv/typed"), Map.of("token", "s3cret"), Serial.ALL, FailureBudget.parse("0"), true,
                false, false, new SshOptions(Optional.empty(), Optional.empty(), false, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), Path.of("runbook.jar"), java.util.Set.of("token", "db_password"));
        assertThat(request.paramsFor(host)).containsExactly(Map.entry("app_dir", "/srv/typed"), Map.entry("tier", "a"));
    }

    @Test
    void aHostVariableForASecretParamGoesWithTheSecretsNeverOnTheCommandLine() {
        FleetHost host = new FleetHost("web1", "10.0.0.1", Optional.empty(), Optional.empty(), List.of(),
                Map.of("app_dir", "/srv/a", "db_password", "from-inventory", "token", "inventory-token"));
        FleetRequest request = new FleetRequest("f", Path.of("r.yaml"), "r", "hosts.yaml", List.of(host), List.of(),
                Map.of(), Map.of("token", "typed-token"), Serial.ALL, FailureBudget.parse("0"), true, false, false,
                new SshOptions(Optional.empty(), Optional.empty(), false, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Path.of("runbook.jar"), java.util.Set.of("token", "db_password"));
        assertThat(request.paramsFor(host)).containsExactly(Map.entry("app_dir", "/srv/a"));
        assertThat(request.secretsFor(host)).containsExactly(Map.entry("db_password", "from-inventory"),
                Map.entry("token", "typed-token"));
        assertThat(request.secretValues()).containsExactlyInAnyOrder("typed-token", "from-inventory");
        assertThat(RemoteCommand.run(host, new HostSetup.Prepared("/c/runbook.jar", "/c/r.yaml", false, 0, 0,
                0), request)).contains("--secrets-stdin").doesNotContain("from-inventory");
    }
}
