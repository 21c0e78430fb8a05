package dev.runbook.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the controller connects: the SSH folder to read config, known_hosts and default identities from
 * (~/.ssh unless given, e.g. by a test), an identity file that wins over those, whether host keys not
 * yet known may be accepted (and written to known_hosts; a changed key never is), and the timeouts of
 * connecting (TCP + key exchange + authentication) and of a whole remote run.
 */
public record SshOptions(Optional<Path> sshDir, Optional<Path> identity, boolean acceptNewHostKeys,
                         Duration connectTimeout, Duration runTimeout) {

    public Path folder() {
        return sshDir.orElse(Path.of(System.getProperty("user.home"), ".ssh"));
    }
}
