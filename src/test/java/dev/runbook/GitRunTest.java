package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TMWS git rollback through `runbook run`: a dry run leaves the repository as it was, the run resets. */
class GitRunTest {

    @TempDir
    Path dir;

    private static final String RUNBOOK = """
            format: 1
            name: git-rollback
            steps:
              - { id: find, action: git.log, with: { repo: APP, tag: pre-phase4 } }
              - id: reset
                action: git.reset
                with: { repo: APP, ref: "{{ steps.find.outputs.commit }}", mode: hard, save_dirty: true }
              - { id: clean, action: git.status, with: { repo: APP, expect_clean: true } }
              - { id: keep, action: forensics.collect, with: { paths: [APP/app.py] } }
            """;

    private List<JsonNode> run(String... extra) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, RUNBOOK.replace("APP", dir.resolve("app").toString()));
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--json", "--state",
                dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(new ObjectMapper().readTree(line));
        }
        return events;
    }

    private static JsonNode finished(List<JsonNode> events, String step) {
        return events.stream().filter(e -> e.get("event").asText().startsWith("step_f")
                && e.get("step").asText().equals(step)).findFirst().orElseThrow();
    }

    @Test
    void dryRunPreviewsTheResetThenTheRunDoesItAndSavesTheDirtyWork() throws Exception {
        PersonIdent who = new PersonIdent("Ana Ruiz", "ana@example.org");
        RevCommit good;
        RevCommit bad;
        try (Git git = Git.init().setDirectory(dir.resolve("app").toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("app/app.py"), "good\n");
            git.add().addFilepattern(".").call();
            good = git.commit().setMessage("Phase 3").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName("pre-phase4").call();
            Files.writeString(dir.resolve("app/app.py"), "phase 4\n");
            git.add().addFilepattern(".").call();
            bad = git.commit().setMessage("Phase 4").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        Files.writeString(dir.resolve("app/app.py"), "hotfix in progress\n");

        List<JsonNode> preview = run("--dry-run");
        JsonNode reset = finished(preview, "reset");
        assertThat(reset.get("status").asText()).isEqualTo("previewed");
        assertThat(reset.get("effects").toString()).contains("1 commit(s) would be dropped from the branch")
                .contains(bad.abbreviate(7).name() + " Phase 4 (Ana Ruiz)").contains("M app.py")
                .contains("would first save 1 uncommitted path(s)");
        assertThat(Files.readString(dir.resolve("app/app.py"))).isEqualTo("hotfix in progress\n");

        List<JsonNode> events = run("--yes");
        assertThat(finished(events, "reset").get("status").asText()).isEqualTo("succeeded");
        assertThat(finished(events, "reset").get("outputs").get("after").asText()).isEqualTo(good.name());
        assertThat(finished(events, "clean").get("status").asText()).isEqualTo("succeeded");
        assertThat(Files.readString(dir.resolve("app/app.py"))).isEqualTo("good\n");
        Path saved = Path.of(finished(events, "reset").get("outputs").get("saved").asText());
        Path forensics = Path.of(finished(events, "keep").get("outputs").get("path").asText());
        assertThat(saved).isEqualTo(forensics.resolve("git-reset"));
        assertThat(forensics.getParent().getParent().getParent()).isEqualTo(dir.resolve("state"));
        assertThat(saved.resolve("worktree/app.py")).hasContent("hotfix in progress");
        assertThat(forensics.resolve("app.py")).hasContent("good"); // collected under its own short name
    }
}
