package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet options without --inventory are refused (exit 64), never dropped with the runbook run on this
 * machine; a --identity or --ssh-dir that cannot work is refused before any host is contacted.
 */
class FleetOptionsWithoutInventoryTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    @Test
    void aFleetOptionWithoutAnInventoryRunsNothingHere() throws Exception {
        Path marker = dir.resolve("ran-here");
        Path runbook = Files.writeString(dir.resolve("touch.yaml"), """
                format: 1
                name: touch
                steps:
                  - { id: touch, action: exec, with: { cmd: [touch, %s] } }
                """.formatted(marker));

        // Read without picocli (plain options) and through picocli (an attached value): the same refusal.
        assertThat(cli.run("run", runbook.toString(), "--limit", "web1", "--serial", "1", "--yes")).isEqualTo(64);
        assertThat(cli.err()).isEqualTo("runbook: --limit, --serial only apply to a fleet run, and no --inventory was "
                + "given\n  hint: add --inventory FILE to run on its hosts, or leave them out to run on this machine\n");
        assertThat(cli.run("run", runbook.toString(), "--max-fail=0", "--yes")).isEqualTo(64);
        assertThat(cli.err()).startsWith("runbook: --max-fail only applies to a fleet run");
        assertThat(cli.run("run", runbook.toString(), "--connect-timeout", "5", "--dry-run")).isEqualTo(64);
        assertThat(marker).doesNotExist();

        assertThat(cli.run("run", runbook.toString(), "--yes")).as(cli.err()).isZero();
        assertThat(marker).exists();
    }

    @Test
    void aKeyOrSshFolderThatCannotWorkIsRefusedBeforeAnyHostIsContacted() throws Exception {
        Path runbook = Files.writeString(dir.resolve("t.yaml"), "format: 1\nname: t\nsteps:\n  - { id: t, action: exec, "
                + "with: { cmd: [/bin/true] } }\n");
        // A host nothing listens on: reaching for it would end in exit 12, not 2.
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    h1: {ansible_host: 127.0.0.1, "
                + "ansible_port: 1}\n");
        assertThat(cli.run("run", runbook.toString(), "--inventory", inventory.toString(), "--identity",
                dir.resolve("missing_key").toString(), "--yes")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("runbook: --identity: private key file " + dir.resolve("missing_key")
                + " cannot be read\n  hint: nothing was run on any host\n");
        assertThat(cli.run("run", runbook.toString(), "--inventory", inventory.toString(), "--ssh-dir",
                dir.resolve("nope").toString(), "--yes")).isEqualTo(2);
        assertThat(cli.err()).startsWith("runbook: --ssh-dir " + dir.resolve("nope") + " is not a folder");
    }
}
