package dev.runbook.files;

import static dev.runbook.support.HandMade.sh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 4: keep_extra restores what the backup has in a folder and leaves everything else
 * there in place (new folders and new files in old ones), named by no convention, and says what.
 */
class KeepExtraTest {

    @TempDir
    Path dir;

    @Test
    void whatTheBackupLacksUnderAKeepExtraFolderStaysAndIsListed() throws Exception {
        Path install = dir.resolve("install");
        Trees4Test.write(install.resolve("workflows/spec/metadata.json"), "{\"v\": 1}\n");
        Trees4Test.write(install.resolve("workflows/spec/phases/0.md"), "# phase 0\n");
        Trees4Test.write(install.resolve("mcp_server/server.py"), "print('v1')\n");
        Path backup = dir.resolve("backup");
        Files.createDirectories(backup);
        sh(backup, "cp -a ../install/workflows ../install/mcp_server . && find . -type f | xargs sha256sum > SHA256SUMS");
        // After the backup: an upgrade changes files, the user adds a workflow and a file to an old one.
        Files.writeString(install.resolve("workflows/spec/metadata.json"), "{\"v\": 2}\n");
        Trees4Test.write(install.resolve("workflows/spec/phases/1-ours.md"), "# our extra phase\n");
        Trees4Test.write(install.resolve("workflows/onboarding/metadata.json"), "{\"name\": \"onboarding\"}\n");
        Trees4Test.write(install.resolve("mcp_server/new_module.py"), "print('v2')\n");
        Files.writeString(install.resolve("mcp_server/server.py"), "print('v2')\n");

        Cli4Test cli = new Cli4Test(dir);
        JsonNode done = Cli4Test.finished(cli.run("""
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s", paths: [workflows, mcp_server], mirror: true, keep_extra: [workflows] }
                """.formatted(backup, install), "--yes"), "restore");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(install.resolve("workflows/spec/metadata.json")).hasContent("{\"v\": 1}");
        assertThat(install.resolve("workflows/spec/phases/1-ours.md")).hasContent("# our extra phase");
        assertThat(install.resolve("workflows/onboarding/metadata.json")).hasContent("{\"name\": \"onboarding\"}");
        assertThat(install.resolve("mcp_server/server.py")).hasContent("print('v1')");
        assertThat(install.resolve("mcp_server/new_module.py")).as("mirror outside keep_extra").doesNotExist();
        List<String> preserved = new ArrayList<>();
        done.get("outputs").get("preserved_files").forEach(n -> preserved.add(n.asText()));
        assertThat(preserved).containsExactly("workflows/onboarding/metadata.json", "workflows/spec/phases/1-ours.md");
        assertThat(done.get("outputs").get("preserved").asLong()).isEqualTo(2);
        assertThat(Cli4Test.effects(done)).contains("left in place 2 files (preserve, keep_extra, or mirror off): "
                + "workflows/onboarding/metadata.json, workflows/spec/phases/1-ours.md");
    }

    @Test
    void fileRestoreKeepsWhatTheSourceLacksInTheWholeFolder() throws Exception {
        Path release = dir.resolve("release/workflows");
        Trees4Test.write(release.resolve("spec/metadata.json"), "{\"v\": 2}\n");
        Path target = dir.resolve("install/workflows");
        Trees4Test.write(target.resolve("spec/metadata.json"), "{\"v\": 1}\n");
        Trees4Test.write(target.resolve("spec/ours.md"), "ours\n");
        Trees4Test.write(target.resolve("team/metadata.json"), "{}\n");
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: upgrade
                    action: file.restore
                    with: { from: "%s", to: "%s", keep_extra: [""] }
                """.formatted(release, target), "--yes"), "upgrade");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(target.resolve("spec/metadata.json")).hasContent("{\"v\": 2}");
        assertThat(target.resolve("spec/ours.md")).hasContent("ours");
        assertThat(target.resolve("team/metadata.json")).hasContent("{}");
    }
}
