package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.support.SshdFleet;
import dev.runbook.support.SshdHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's SSH settings against real sshd on loopback: a host alias read from the SSH
 * folder's {@code config} (Host, HostName, Port, User), and {@code --accept-new-host-keys} (an unknown
 * key accepted and written to known_hosts; a changed key still refused), a team's Ansible inventory
 * (its key file, variables for other playbooks, a host it reaches with become), and params the
 * inventory cannot give, refused before any host is contacted.
 */
class FleetSshIT {

    @TempDir
    Path dir;

    private SshdFleet fleet;
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aHostAliasIsResolvedFromTheSshConfigHostNamePortAndUser() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 1);
        SshdHost host = fleet.host(1);
        Files.writeString(fleet.sshDir().resolve("config"), "Host web-alias\n  HostName " + host.address()
                + "\n  Port " + host.port() + "\n  User " + host.user() + "\n");
        // The inventory names only the alias: no address, port or user of its own.
        Path inventory = Files.writeString(dir.resolve("hosts.yaml"), "hosts:\n  web-alias: {vars: {runbook_state: "
                + host.home().resolve("state") + ", marker: " + host.home().resolve("ran") + "}}\n");
        assertThat(run(inventory)).as(err.toString()).isZero();
        assertThat(host.home().resolve("ran")).exists();

        // The config's User is the one that logs in (the tests run as the only user there is, so a
        // user that does not exist shows it: sshd logs the attempt, and nothing runs).
        Files.delete(host.home().resolve("ran"));
        Files.writeString(fleet.sshDir().resolve("config"), "Host web-alias\n  HostName " + host.address()
                + "\n  Port " + host.port() + "\n  User runbook-no-such-user\n");
        assertThat(run(inventory)).as(err.toString()).isEqualTo(12);
        assertThat(host.home().resolve("ran")).doesNotExist();
        assertThat(Files.readString(host.log())).contains("runbook-no-such-user");
    }

    @Test
    void anUnknownHostKeyIsAcceptedAndWrittenToKnownHostsOnlyWhenAskedAndAChangedOneIsStillRefused() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 2);
        Files.writeString(fleet.knownHosts(), fleet.host(2).knownHostsLine() + "\n"); // h1 unknown, h2 known
        Path inventory = inventory();

        assertThat(run(inventory)).as(err.toString()).isEqualTo(12);
        assertThat(err.toString()).contains("; if the host is new, check that fingerprint and accept it once with "
                + "--accept-new-host-keys");
        assertThat(fleet.host(1).home().resolve("ran")).doesNotExist();
        assertThat(Files.readString(fleet.knownHosts())).doesNotContain("[" + fleet.host(1).address() + "]:"
                + fleet.host(1).port());
        assertThat(fleet.host(2).home().resolve("ran")).exists(); // the known host ran
        Files.delete(fleet.host(2).home().resolve("ran"));

        fleet.host(2).changeHostKey();
        assertThat(run(inventory, "--accept-new-host-keys")).as(err.toString()).isEqualTo(12);
        assertThat(fleet.host(1).home().resolve("ran")).exists();
        assertThat(fleet.host(2).home().resolve("ran")).doesNotExist();
        assertThat(err.toString()).contains("its host key CHANGED");
        List<String> known = Files.readAllLines(fleet.knownHosts());
        assertThat(known).anyMatch(line -> line.contains(fleet.host(1).address()) && line.contains(
                Integer.toString(fleet.host(1).port())));

        // The accepted key is now known: the next run needs no option for h1.
        Files.delete(fleet.host(1).home().resolve("ran"));
        run(inventory);
        assertThat(fleet.host(1).home().resolve("ran")).exists();
    }

    @Test
    void aTeamsAnsibleInventoryRunsWithItsKeyFileItsOtherVariablesLeftOutAndABecomeHostRefusedUnlessLimitedOut()
            throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 2);
        fleet.writeKnownHosts();
        // The only key is the inventory's: the SSH folder given holds known_hosts and no identity.
        Path sshDir = Files.createDirectories(dir.resolve("ssh"));
        Files.copy(fleet.knownHosts(), sshDir.resolve("known_hosts"));
        Path key = Files.copy(fleet.identity(), dir.resolve("deploy_key"));
        Path inventory = fleet.writeAnsibleInventory(dir.resolve("team.yml"), """
                    ntp_servers: [ntp1.example.com, ntp2.example.com]
                    db_password: !vault |
                      $ANSIBLE_VAULT;1.1;AES256
                      6231373566373031
                    motd: "Welcome to {{ inventory_hostname }}"
                    backup_owner: ops
                """, host -> java.util.Map.of("ansible_ssh_private_key_file", key.toString(), "runbook_state",
                host.home().resolve("state").toString(), "marker", host.home().resolve("ran").toString()));

        assertThat(run(inventory, sshDir)).as(err.toString()).isZero();
        assertThat(fleet.host(1).home().resolve("ran")).exists();
        assertThat(fleet.host(2).home().resolve("ran")).exists();
        assertThat(err.toString()).startsWith("note: 4 inventory variables are not a parameter of this runbook and "
                + "not passed: backup_owner, db_password, motd, ntp_servers\n");

        // A host the team's Ansible runs with become: refused before any host is contacted, unless left out.
        Files.writeString(inventory, Files.readString(inventory).replace("    h2:\n", "    h2:\n          ansible_become: yes\n"));
        long logged = Files.size(fleet.host(1).log()) + Files.size(fleet.host(2).log());
        assertThat(run(inventory, sshDir)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("team.yml:").contains(": ansible_become: runbook runs as the login user "
                + "and does not switch users (no sudo or su)\n");
        assertThat(Files.size(fleet.host(1).log()) + Files.size(fleet.host(2).log())).as("nothing reached sshd")
                .isEqualTo(logged);
        Files.delete(fleet.host(1).home().resolve("ran"));
        assertThat(run(inventory, sshDir, "--limit", "h1")).as(err.toString()).isZero();
        assertThat(fleet.host(1).home().resolve("ran")).exists();
    }

    @Test
    void withoutAUserInTheInventoryOrAConfigFileTheLocalUserLogsIn() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 1);
        SshdHost host = fleet.host(1);
        assertThat(fleet.sshDir().resolve("config")).doesNotExist();
        assertThat(host.user()).isEqualTo(System.getProperty("user.name"));
        Path inventory = Files.writeString(dir.resolve("hosts.yaml"), "hosts:\n  h1: {address: " + host.address()
                + ", port: " + host.port() + ", vars: {runbook_state: " + host.home().resolve("state") + ", marker: "
                + host.home().resolve("ran") + "}}\n");
        assertThat(run(inventory)).as(err.toString()).isZero();
        assertThat(host.home().resolve("ran")).exists();
    }

    @Test
    void aValueOutsideAsciiArrivesWholeOnAHostWhoseSessionHasNoLocale() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 1);
        SshdHost host = fleet.host(1);
        Path marker = host.home().resolve("données-😀");
        Path inventory = Files.writeString(dir.resolve("hosts.yaml"), "hosts:\n  h1: {address: " + host.address()
                + ", port: " + host.port() + ", user: " + host.user() + ", vars: {runbook_state: "
                + host.home().resolve("state") + ", marker: \"" + marker + "\"}}\n");
        assertThat(run(inventory)).as(err.toString()).isZero();
        assertThat(marker).exists();
    }

    @Test
    void aParamTheRunbookNeedsThatTheInventoryCannotGiveIsRefusedBeforeAnyHostIsContacted() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 2);
        Files.writeString(fleet.knownHosts(), fleet.host(1).knownHostsLine() + "\n" + fleet.host(2).knownHostsLine() + "\n");
        Path inventory = Files.writeString(dir.resolve("hosts.yaml"), Files.readString(inventory())
                .replaceFirst("marker: [^}]*}", "marker: [a, b]}"));
        long logged = Files.size(fleet.host(1).log()) + Files.size(fleet.host(2).log());

        assertThat(run(inventory)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).startsWith("runbook: inventory variable 'marker' is a list, and runbook params are "
                + "text (" + inventory + ":2:");
        assertThat(Files.size(fleet.host(1).log()) + Files.size(fleet.host(2).log())).as("nothing reached sshd")
                .isEqualTo(logged);
        assertThat(dir.resolve("controller")).as("no fleet journal").doesNotExist();
    }

    private Path inventory() throws Exception {
        StringBuilder yaml = new StringBuilder("hosts:\n");
        for (SshdHost host : fleet.hosts()) {
            yaml.append("  ").append(host.name()).append(": {address: ").append(host.address()).append(", port: ")
                    .append(host.port()).append(", user: ").append(host.user()).append(", vars: {runbook_state: ")
                    .append(host.home().resolve("state")).append(", marker: ").append(host.home().resolve("ran"))
                    .append("}}\n");
        }
        return Files.writeString(dir.resolve("hosts.yaml"), yaml);
    }

    private int run(Path inventory, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--ssh-dir", fleet.sshDir().toString(), "--identity",
                fleet.identity().toString()));
        args.addAll(List.of(more));
        return runWith(inventory, args);
    }

    /** With an SSH folder of its own and no --identity: the inventory says which key. */
    private int run(Path inventory, Path sshDir, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--ssh-dir", sshDir.toString()));
        args.addAll(List.of(more));
        return runWith(inventory, args);
    }

    private int runWith(Path inventory, List<String> more) throws Exception {
        Path runbook = Files.writeString(dir.resolve("touch.yaml"), """
                format: 1
                name: touch
                params:
                  marker: { type: path }
                steps:
                  - { id: touch, action: exec, with: { cmd: [touch, "{{ params.marker }}"] } }
                """);
        err.getBuffer().setLength(0);
        List<String> args = new java.util.ArrayList<>(List.of("run", runbook.toString(), "--inventory",
                inventory.toString(), "--yes", "--max-fail", "1", "--state", dir.resolve("controller").toString()));
        args.addAll(more);
        return Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }
}
