package dev.runbook.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/**
 * Whether a private key file can log in at all, said before any host is contacted: a missing file,
 * one that is no key, or one protected by a passphrase (the controller asks for none: use an agent-less
 * key or ~/.ssh/config) would otherwise show on every host as "did not accept our key".
 */
final class KeyFiles {

    private KeyFiles() {
    }

    private static String encrypted(Path file) {
        return file + " is protected by a passphrase, which the controller does not ask for";
    }

    /** Why this file cannot be used as a key, or empty when it loads. */
    static Optional<String> problem(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return Optional.of("private key file " + file + " cannot be read");
        }
        // An encrypted key asks for its passphrase: that question, not an error's wording, says which it is.
        java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
        FileKeyPairProvider provider = new FileKeyPairProvider(file);
        provider.setPasswordFinder((session, resource, retry) -> {
            asked.set(true);
            return null;
        });
        try {
            for (KeyPair ignored : provider.loadKeys(null)) {
                return Optional.empty();
            }
            return Optional.of(asked.get() ? encrypted(file) : file + " holds no private key");
        } catch (Exception e) {
            return Optional.of(asked.get() ? encrypted(file)
                    : file + " is not a private key the controller can read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
