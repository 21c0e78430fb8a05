package dev.runbook.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * N real OpenSSH servers on loopback ports, for the fleet tests, bench/run-fleet and
 * bench/run-fleet-scenario: each {@link SshdHost} has its own port, host key, folder and HOME; all
 * accept one generated client key, and {@link #knownHosts()} names every host's key. Faults: {@link SshdHost#down()},
 * {@link SshdHost#changeHostKey()}, {@link SshdHost#dropSessions()}, {@link SshdHost#refuseKey()}.
 * Closing stops every sshd and everything their sessions started, and deletes the folder when the
 * fleet made it. Needs Debian's openssh-server and openssh-client (bin/provision-tests).
 */
public final class SshdFleet implements AutoCloseable {

    private final Path root;
    private final boolean ownsRoot;
    private final List<SshdHost> hosts = new ArrayList<>();

    private SshdFleet(Path root, boolean ownsRoot) {
        this.root = root;
        this.ownsRoot = ownsRoot;
    }

    /** {@code count} hosts named h1..hN under {@code root}, all up; the folder stays (a @TempDir). */
    public static SshdFleet start(Path root, int count) throws IOException {
        return start(new SshdFleet(root, false), count);
    }

    /** {@code count} hosts in a new temporary folder, deleted on {@link #close()}. */
    public static SshdFleet start(int count) throws IOException {
        return start(new SshdFleet(Files.createTempDirectory("sshd-fleet"), true), count);
    }

    private static SshdFleet start(SshdFleet fleet, int count) throws IOException {
        try {
            Files.createDirectories(fleet.root);
            SshdHost.keygen(fleet.identity(), "runbook-fleet-tests");
            String clientKey = Files.readString(fleet.sshDir().resolve("id_ed25519.pub"));
            for (int i = 1; i <= count; i++) {
                SshdHost host = new SshdHost("h" + i, fleet.root.resolve("h" + i), clientKey);
                fleet.hosts.add(host);
                host.up();
            }
            fleet.writeKnownHosts();
            return fleet;
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    public List<SshdHost> hosts() {
        return List.copyOf(hosts);
    }

    /** Host {@code hN}, counting from 1 as the names do. */
    public SshdHost host(int number) {
        return hosts.get(number - 1);
    }

    public SshdHost host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host " + name));
    }

    /**
     * The client's folder, laid out as ~/.ssh is: {@code id_ed25519} (+ .pub) and {@code known_hosts}; a
     * controller told to read its SSH settings from here needs nothing else. It is the fleet's folder
     * itself (the hosts' folders h1..hN are beside those files).
     */
    public Path sshDir() {
        return root;
    }

    /** The client's private key (OpenSSH format, no passphrase); the public key is beside it (.pub). */
    public Path identity() {
        return sshDir().resolve("id_ed25519");
    }

    /**
     * known_hosts with every host's key as it was at start (or at the last {@link #writeKnownHosts()}),
     * one {@code [127.0.0.1]:PORT} line per host.
     */
    public Path knownHosts() {
        return sshDir().resolve("known_hosts");
    }

    /** Writes known_hosts from the hosts' current keys (after a change that the operator accepted). */
    public Path writeKnownHosts() {
        try {
            return Files.writeString(knownHosts(), hosts.stream().map(SshdHost::knownHostsLine)
                    .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An Ansible static YAML inventory naming every host (ansible_host, ansible_port, ansible_user)
     * in the group {@code fleet}, plus the given YAML lines under {@code all.vars} (indented by the
     * caller for that place, may be empty).
     */
    public Path writeAnsibleInventory(Path file, String allVars) {
        return writeAnsibleInventory(file, allVars, host -> Map.of());
    }

    /** The same, with each host's own variables (values written as YAML double-quoted strings). */
    public Path writeAnsibleInventory(Path file, String allVars, Function<SshdHost, Map<String, String>> hostVars) {
        StringBuilder yaml = new StringBuilder("all:\n");
        if (!allVars.isBlank()) {
            yaml.append("  vars:\n").append(allVars.endsWith("\n") ? allVars : allVars + "\n");
        }
        yaml.append("  children:\n    fleet:\n      hosts:\n");
        for (SshdHost host : hosts) {
            yaml.append("        ").append(host.name()).append(":\n")
                    .append("          ansible_host: ").append(host.address()).append('\n')
                    .append("          ansible_port: ").append(host.port()).append('\n')
                    .append("          ansible_user: ").append(host.user()).append('\n');
            hostVars.apply(host).forEach((name, value) -> yaml.append("          ").append(name).append(": \"")
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        }
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenSSH client's argv to run {@code command} on {@code host}, strict about its host key. */
    public List<String> ssh(SshdHost host, String command) {
        return List.of("ssh", "-F", "/dev/null", "-i", identity().toString(),
                "-o", "UserKnownHostsFile=" + knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-p", Integer.toString(host.port()),
                host.user() + "@" + host.address(), command);
    }

    @Override
    public void close() {
        hosts.forEach(SshdHost::down);
        if (ownsRoot) {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
