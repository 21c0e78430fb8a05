package dev.runbook.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One "host" of an {@link SshdFleet}: a real OpenSSH server ({@code /usr/sbin/sshd -D -e -f CONFIG})
 * on its own loopback port, with its own host key, authorized_keys and folder.
 *
 * <p>All hosts are this machine and log in as the same user, so each host's sessions get their own
 * {@code HOME} ({@code SetEnv}) and start in it (a {@code ForceCommand} that changes to {@code $HOME}
 * and runs the requested command with {@code /bin/sh -c}; SFTP starts there too). A controller that
 * keeps its cache under {@code $HOME} or relative to the login directory therefore sees one machine
 * per host. Its journal and run locks are under its HOME too ({@code RUNBOOK_STATE},
 * {@code RUNBOOK_LOCK_DIR}), as they would be on a machine of its own. Everything a session starts carries {@code RUNBOOK_FLEET_HOST=<folder>} in its
 * environment, which is how {@link #processes()} finds them, even after their sshd was killed.
 */
public final class SshdHost {

    /** Host and client keys: Ed25519, what ssh-keygen makes by default (the controller reads them through Bouncy Castle). */
    static final String KEY_TYPE = "ed25519";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Path folder;
    private final int port;
    private final Path authorizedKeys;
    private final String clientPublicKey;
    private Process sshd;

    SshdHost(String name, Path folder, String clientPublicKey) throws IOException {
        this.name = name;
        this.folder = Files.createDirectories(folder);
        this.port = freePort();
        this.authorizedKeys = folder.resolve("authorized_keys");
        this.clientPublicKey = clientPublicKey;
        Files.createDirectories(home());
        Files.writeString(authorizedKeys, clientPublicKey);
        newHostKey();
    }

    public String name() {
        return name;
    }

    public String address() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The user the controller logs in as: whoever runs the tests (root on the test machines). */
    public String user() {
        return System.getProperty("user.name");
    }

    /** This host's folder: its config, keys and log, and {@link #home()}. */
    public Path folder() {
        return folder;
    }

    /** HOME and working directory of every session on this host: what the host keeps lives here. */
    public Path home() {
        return folder.resolve("home");
    }

    /** sshd's own log (-e): connections, accepted and refused keys. */
    public Path log() {
        return folder.resolve("sshd.log");
    }

    /** The public host key as a known_hosts line for this host's address and port. */
    public String knownHostsLine() {
        try {
            String[] key = Files.readString(folder.resolve("host_key.pub")).trim().split(" ");
            return "[" + address() + "]:" + port + " " + key[0] + " " + key[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isUp() {
        return sshd != null && sshd.isAlive();
    }

    /** Starts sshd and waits until it listens. */
    public void up() {
        if (isUp()) {
            return;
        }
        try {
            Files.writeString(folder.resolve("sshd_config"), config());
            // The log survives restarts: only what this start appends says whether it listens.
            long logged = Files.exists(log()) ? Files.size(log()) : 0;
            sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", folder.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            String listening = "Server listening on " + address() + " port " + port + ".";
            while (!Files.readString(log()).substring((int) logged).contains(listening)) {
                if (!sshd.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("sshd for " + name + " did not start: " + Files.readString(log()));
                }
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The host goes down: sshd and every session on it end; the port refuses connections. */
    public void down() {
        List<ProcessHandle> all = new ArrayList<>(processes());
        if (sshd != null) {
            sshd.descendants().forEach(all::add);
            all.add(sshd.toHandle());
        }
        killAll(all);
        sshd = null;
    }

    /** Restarts sshd on the same port with a NEW host key: known_hosts now names the old one. */
    public void changeHostKey() {
        boolean wasUp = isUp();
        down();
        try {
            Files.deleteIfExists(folder.resolve("host_key"));
            Files.deleteIfExists(folder.resolve("host_key.pub"));
            newHostKey();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (wasUp) {
            up();
        }
    }

    /**
     * Drops the live connections mid-run, as a network cut would: kills this host's sshd session
     * processes (the listener's children) and nothing else. The commands they ran lose their
     * connection; whether they go on is up to them.
     *
     * @return how many session processes were killed
     */
    public int dropSessions() {
        if (sshd == null) {
            return 0;
        }
        List<ProcessHandle> sessions = sshd.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/sshd")).orElse(false)).toList();
        killAll(sessions);
        return sessions.size();
    }

    /** The host refuses the client key from now on (authorized_keys is emptied). */
    public void refuseKey() {
        writeAuthorizedKeys("");
    }

    /** The client key is accepted again. */
    public void acceptKey() {
        writeAuthorizedKeys(clientPublicKey);
    }

    /** Every process a session on this host started and that still runs (orphans included). */
    public List<ProcessHandle> processes() {
        String marker = "RUNBOOK_FLEET_HOST=" + folder;
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                    if (entry.equals(marker)) {
                        found.add(p);
                        return;
                    }
                }
            } catch (IOException | SecurityException gone) {
                // ended meanwhile, or not ours to read
            }
        });
        return found;
    }

    /** The command lines of {@link #processes()} and of this host's sshd processes, NUL bytes as spaces. */
    public List<String> commandLines() {
        List<ProcessHandle> all = new ArrayList<>(processes());
        if (sshd != null) {
            all.add(sshd.toHandle());
            sshd.descendants().forEach(all::add);
        }
        List<String> lines = new ArrayList<>();
        for (ProcessHandle p : all) {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                lines.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim());
            } catch (IOException gone) {
                // ended meanwhile
            }
        }
        return lines;
    }

    private String config() {
        Path home = home();
        return String.join("\n",
                "ListenAddress " + address(),
                "Port " + port,
                "HostKey " + folder.resolve("host_key"),
                "PidFile none",
                "AuthorizedKeysFile " + authorizedKeys,
                // The temp folders are not owned the way sshd insists on for home directories.
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AcceptEnv LANG LC_*",
                "MaxStartups 100:30:200",
                "MaxSessions 64",
                // Each host is its own machine: its journal (RUNBOOK_STATE, else /var/lib/runbook for
                // root) and its run locks (else /tmp/runbook-locks) are its own, under its HOME.
                "SetEnv HOME=" + home + " RUNBOOK_STATE=" + home.resolve("state") + " RUNBOOK_LOCK_DIR="
                        + home.resolve("locks") + " RUNBOOK_FLEET_HOST=" + folder,
                "Subsystem sftp /usr/lib/openssh/sftp-server -d " + home,
                "ForceCommand cd \"$HOME\" && exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"",
                "");
    }

    private void newHostKey() throws IOException {
        keygen(folder.resolve("host_key"), name);
    }

    private void writeAuthorizedKeys(String content) {
        try {
            Files.writeString(authorizedKeys, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ssh-keygen: a new key pair without a passphrase at {@code file} and {@code file.pub}. */
    static void keygen(Path file, String comment) throws IOException {
        try {
            Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", KEY_TYPE, "-N", "", "-C", comment,
                    "-f", file.toString()).redirectErrorStream(true).start();
            String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
                throw new IOException("ssh-keygen failed for " + file + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void killAll(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        processes.forEach(SshdHost::waitFor);
    }

    private static void waitFor(ProcessHandle process) {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a process that will not go is reported by the test that needs it gone
        }
    }
}
