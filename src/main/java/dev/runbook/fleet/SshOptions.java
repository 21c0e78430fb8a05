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

    /** What would keep every host from being reached, known before contacting any: a given folder or key. */
    public Optional<String> problem() {
        if (sshDir.isPresent() && !java.nio.file.Files.isDirectory(sshDir.get())) {
            return Optional.of("--ssh-dir " + sshDir.get() + " is not a folder");
        }
        return identity.flatMap(KeyFiles::problem).map(why -> "--identity: " + why);
    }
}
