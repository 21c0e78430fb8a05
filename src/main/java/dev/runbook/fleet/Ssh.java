package dev.runbook.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The one SSH client of a fleet run (Apache MINA SSHD), shared by every host's session: TCP_NODELAY
 * on (a reused session's exec costs ~90 ms without it), ~/.ssh/config for host names, users, ports
 * and identities, known_hosts for host keys. A host key that known_hosts does not have is refused
 * unless the operator accepted new keys; a key that differs from the known one is always refused.
 */
public final class Ssh implements AutoCloseable {

    private final SshClient client;
    private final SshOptions options;
    /** Why a host's key was refused, by the session that refused it, for the error message. */
    private final ConcurrentMap<Session, String> keyRefusals = new ConcurrentHashMap<>();

    public Ssh(SshOptions options) {
        this.options = options;
        this.client = SshClient.setUpDefaultClient();
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, options.connectTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(client, options.connectTimeout());
        Path folder = options.folder();
        client.setHostConfigEntryResolver(new ConfigFileHostEntryResolver(folder.resolve("config")));
        List<Path> identities = options.identity().map(List::of).orElseGet(() -> defaultIdentities(folder));
        if (options.sshDir().isPresent() || options.identity().isPresent()) {
            client.setKeyIdentityProvider(new FileKeyPairProvider(identities));
        }
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier(
                options.acceptNewHostKeys() ? AcceptAllServerKeyVerifier.INSTANCE : (session, address, key) -> {
                    keyRefusals.put(session, "its host key (" + KeyUtils.getFingerPrint(key) + ") is not in "
                            + folder.resolve("known_hosts") + "; if the host is new, check that fingerprint and "
                            + "accept it once with --accept-new-host-keys");
                    return RejectAllServerKeyVerifier.INSTANCE.verifyServerKey(session, address, key);
                }, folder.resolve("known_hosts"));
        verifier.setModifiedServerKeyAcceptor((session, address, entry, expected, actual) -> {
            keyRefusals.put(session, "its host key CHANGED: known_hosts has " + fingerprint(expected)
                    + ", the host presents " + fingerprint(actual) + " (a reinstalled host, or someone in between)");
            return false;
        });
        client.setServerKeyVerifier(verifier);
        client.start();
    }

    private static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    private static List<Path> defaultIdentities(Path folder) {
        return List.of("id_ed25519", "id_ecdsa", "id_rsa").stream().map(folder::resolve).filter(Files::isRegularFile)
                .toList();
    }

    /** A session on the host, authenticated, or why not (nothing has run there). */
    public RemoteHost connect(FleetHost host) throws Unreachable {
        String user = host.user().orElse(System.getProperty("user.name"));
        ClientSession session = null;
        try {
            // What the inventory leaves out, ~/.ssh/config may say (MINA lets given values win, as
            // OpenSSH's -p and -l do): no user and port 0 let config's User and Port apply, then 22 and
            // the local user.
            // Without a config file MINA resolves no entry, and so no user: the local one, as ssh takes.
            String login = host.user().orElse(Files.exists(options.folder().resolve("config")) ? null : user);
            session = client.connect(login, host.address(), host.port().orElse(0))
                    .verify(options.connectTimeout()).getSession();
            if (host.identity().isPresent()) {
                // The inventory's key first, then what ssh would also offer (config, defaults), as ssh -i does.
                session.setKeyIdentityProvider(KeyIdentityProvider.multiProvider(
                        new FileKeyPairProvider(host.identity().get()), session.getKeyIdentityProvider()));
            }
            session.auth().verify(options.connectTimeout());
            return new RemoteHost(host, session);
        } catch (IOException | RuntimeException e) {
            String refusal = session == null ? null : keyRefusals.remove(session);
            close(session);
            if (refusal != null) {
                throw new Unreachable(Unreachable.Kind.HOST_KEY, "refused: " + refusal, e);
            }
            if (session != null && session.isOpen() || noMoreAuthMethods(e)) {
                throw new Unreachable(Unreachable.Kind.AUTH, user + "@" + host.address()
                        + " did not accept our key: " + e.getMessage(), e);
            }
            throw new Unreachable(Unreachable.Kind.DOWN, "cannot connect to " + host.address()
                    + host.port().map(port -> ":" + port).orElse("") + ": " + why(e), e);
        }
    }

    /** Why a connection failed, in words: the cause's type, not MINA's description of its future. */
    private static String why(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.UnresolvedAddressException
                    || cause instanceof java.net.UnknownHostException) {
                return "its name does not resolve (check the inventory's address, or HostName in ~/.ssh/config)";
            }
            if (cause instanceof java.net.ConnectException connect) {
                return connect.getMessage() == null ? "connection refused" : connect.getMessage();
            }
            if (cause instanceof java.net.NoRouteToHostException) {
                return "no route to host";
            }
        }
        return e.getMessage();
    }

    /** The host turned down every key we offered: MINA's typed disconnect reason, anywhere in the causes. */
    private static boolean noMoreAuthMethods(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SshException ssh
                    && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
                return true;
            }
        }
        return false;
    }

    private static void close(ClientSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }
}
