package dev.runbook.fleet;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.kex.BuiltinKEM;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Gets the SSH client's code ready on another thread while the controller reads the runbook, the
 * inventory and its journal: registering Bouncy Castle, the client's factories, and one throwaway
 * sntrup761 key pair, so the key generation every connection does (post-quantum key exchange, in
 * Java) runs compiled rather than cold. Until the first connection one core was idle; these took
 * ~0.1 s of the controller's start on the critical path and slowed the first handshakes. Nothing is
 * kept: the key pair is discarded, and each connection still makes its own. A failure here is
 * ignored; the connections set up the same things and report what fails.
 */
public final class SshWarmUp {

    private SshWarmUp() {
    }

    public static void begin() {
        Thread thread = new Thread(SshWarmUp::warm, "ssh-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warm() {
        try {
            SecurityUtils.isBouncyCastleRegistered();
            SshClient.setUpDefaultClient();
            if (BuiltinKEM.sntrup761.isSupported()) {
                BuiltinKEM.sntrup761.getClient().init();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // the connections do the same and report it
        }
    }
}
