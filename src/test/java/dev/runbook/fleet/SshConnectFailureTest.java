package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why a host cannot be reached is said in words, not in the SSH library's description of its connect future. */
class SshConnectFailureTest {

    @TempDir
    Path dir;

    @Test
    void aNameThatDoesNotResolveAndAClosedPortAreSaidPlainly() throws Exception {
        try (Ssh ssh = new Ssh(new SshOptions(Optional.of(dir), Optional.empty(), false, Duration.ofSeconds(5),
                Duration.ofSeconds(5)))) {
            FleetHost unresolved = new FleetHost("web1", "no-such-host.invalid", Optional.of(22), Optional.of("ops"),
                    List.of(), Map.of());
            assertThatThrownBy(() -> ssh.connect(unresolved)).isInstanceOf(Unreachable.class).hasMessage(
                    "cannot connect to no-such-host.invalid:22: its name does not resolve (check the inventory's "
                            + "address, or HostName in ~/.ssh/config)");
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort(); // free again once closed: nothing listens there
            }
            FleetHost down = new FleetHost("web2", "127.0.0.1", Optional.of(closed), Optional.of("ops"), List.of(),
                    Map.of());
            assertThatThrownBy(() -> ssh.connect(down)).isInstanceOf(Unreachable.class)
                    .hasMessage("cannot connect to 127.0.0.1:" + closed + ": Connection refused");
        }
    }
}
