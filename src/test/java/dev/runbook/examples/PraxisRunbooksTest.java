package dev.runbook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Main;
import dev.runbook.files.EntryNames;
import dev.runbook.journal.Journal;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.support.EnvironmentSnapshot;
import dev.runbook.support.ExampleEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two shipped prAxIs OS runbooks end to end on the example installation (examples/praxis-os):
 * for each failure the example can produce, a dry run changes nothing and the real upgrade rolls
 * back to the installation as it was; the manual rollback brings back the newest backup, also when
 * its run is killed in the middle of the restore and resumed.
 *
 * <p>The runbooks' default stop pattern ("python -m mcp_server", the seed's) is machine-wide, so
 * every run here gets one that matches only its own environment's interpreter.
 */
class PraxisRunbooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path UPGRADE = Path.of("runbooks/praxis-os-upgrade.yaml").toAbsolutePath();
    private static final Path ROLLBACK = Path.of("runbooks/praxis-os-rollback.yaml").toAbsolutePath();
    private static final String PRAXIS = "project/.praxis-os/";
    private static final List<String> RESTORED = List.of("mcp_server", "config.json", "standards", "usage",
            "workflows", "VERSION.txt");

    @TempDir
    Path temp;

    @Test
    void phase2FailureRollsBackToTheInstallationBeforeTheUpgrade() throws Exception {
        automaticRollback("phase2", "upgrade-workflows", "nothing to restore from");
    }

    @Test
    void phase3FailureRollsBackToTheInstallationBeforeTheUpgrade() throws Exception {
        automaticRollback("phase3", "install-dependencies", "No matching distribution found for praxis-rag-engine");
    }

    @Test
    void phase4FailureRollsBackToTheInstallationBeforeTheUpgrade() throws Exception {
        automaticRollback("phase4", "validate-health", "503");
    }

    @Test
    void aSoundReleaseUpgradesAndKeepsTheUsersContent() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("none"), "none")) {
            EnvironmentSnapshot before = dryRunChangesNothing(env, UPGRADE, List.of(), 0);
            Run run = run(env, UPGRADE, List.of("--yes"));
            assertThat(run.code()).as(run.output()).isZero();
            Path praxis = env.path("praxis_dir");
            assertThat(Files.readString(praxis.resolve("VERSION.txt")).trim()).isEqualTo("1.5.0");
            assertThat(health(env).body()).contains("\"version\": \"1.5.0\"", "\"healthy\": true");
            assertThat(praxis.resolve("workflows/spec_creation_v1/metadata.json")).exists();
            assertThat(praxis.resolve("standards/universal/workflows/workflow-construction.md")).doesNotExist();
            EnvironmentSnapshot after = snapshot(env);
            for (String mine : List.of("workflows/local_release_checklist/metadata.json",
                    "standards/development/team-conventions.md", "usage/team-notes.local.md",
                    ".cache/state/spec-2025-09-30-141500.json")) {
                assertThat(after.files().get(PRAXIS + mine)).as(mine).isEqualTo(before.files().get(PRAXIS + mine));
            }
            assertThat(after.processes()).hasSize(1);
        }
    }

    /**
     * The seed's "Manual Rollback Scenarios": the upgrade completed, then the team wants 1.4.2 back.
     * `runbook undo` runs the backup step's undo (phases 2-4 declare undone_by: backup): 1.4.2 and a
     * healthy server again, what the user added after the upgrade kept, the upgrade's backup kept.
     */
    @Test
    void aCompletedUpgradeIsUndoneToTheVersionBeforeKeepingWhatTheUserAddedSince() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("undo"), "none")) {
            EnvironmentSnapshot before = snapshot(env);
            Path python = env.path("praxis_dir").resolve("venv/bin/python");
            String freezeBefore = pipFreeze(python);
            Run upgrade = run(env, UPGRADE, List.of("--yes"));
            assertThat(upgrade.code()).as(upgrade.output()).isZero();
            String runId = upgrade.last("run_finished").get("run").asText();
            Path praxis = env.path("praxis_dir");
            assertThat(Files.readString(praxis.resolve("VERSION.txt")).trim()).isEqualTo("1.5.0");
            // The team works on 1.5.0 for a while.
            Map<String, String> added = Map.of("workflows/local_incident_review/metadata.json", "{\"name\": \"mine\"}\n",
                    "usage/on-call.local.md", "# on call\n", "standards/development/after-upgrade.md", "# ours\n");
            for (Map.Entry<String, String> file : added.entrySet()) {
                Files.createDirectories(praxis.resolve(file.getKey()).getParent());
                Files.writeString(praxis.resolve(file.getKey()), file.getValue());
            }
            Path backup = Path.of(upgrade.finished("backup").get("outputs").get("path").asText());
            Map<String, String> backupAfterUpgrade = under(snapshot(env), PRAXIS + ".backups/" + backup.getFileName() + "/");

            EnvironmentSnapshot beforeUndo = snapshot(env);
            Run preview = undo(env, runId, List.of("--dry-run"));
            assertThat(preview.code()).as(preview.output()).isZero();
            assertThat(beforeUndo.differences(snapshot(env))).as("the preview changes nothing").isEmpty();
            JsonNode planned = preview.last("undo_planned");
            assertThat(planned.get("irreversible")).as("phases 2-4 are undone by the backup's undo").isEmpty();
            assertThat(planned.get("steps")).hasSize(6).allSatisfy(s -> assertThat(s.get("reverses").asText())
                    .isEqualTo("backup"));

            Instant started = Instant.now();
            Run undo = undo(env, runId, List.of("--yes"));
            assertThat(undo.code()).as(undo.output()).isZero();
            for (int action = 1; action <= 6; action++) {
                assertThat(undo.finished("backup:undo:" + action).get("status").asText()).isEqualTo("succeeded");
            }
            assertThat(Files.readString(praxis.resolve("VERSION.txt")).trim()).isEqualTo("1.4.2");
            HttpResponse<String> health = health(env);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"version\": \"1.4.2\"", "\"healthy\": true");
            assertThat(pipFreeze(python)).isEqualTo(freezeBefore);
            added.forEach((name, text) -> assertThat(praxis.resolve(name)).as(name).hasContent(text));
            EnvironmentSnapshot after = snapshot(env);
            assertThat(under(after, PRAXIS + ".backups/" + backup.getFileName() + "/")).as("the backup is kept")
                    .isEqualTo(backupAfterUpgrade);
            String stateFile = PRAXIS + ".cache/state/praxis_os_upgrade.json";
            List<String> unexpected = new ArrayList<>();
            for (String difference : before.differences(after)) {
                String path = difference.substring(difference.indexOf(' ') + 1);
                // workflows/ keeps what the backup lacks (keep_extra, as the manual rollback): the user's, and
                // the workflows 1.5.0 added, which the user may have started using.
                boolean expected = path.startsWith(PRAXIS + ".backups/" + backup.getFileName() + "/")
                        || difference.startsWith("added " + PRAXIS + "workflows/")
                        || added.keySet().stream().anyMatch(name -> path.equals(PRAXIS + name))
                        || path.equals(PRAXIS + ".cache/mcp_server.log") || path.startsWith(PRAXIS + stateFile.substring(
                        PRAXIS.length())) || difference.startsWith("processes: ");
                if (!expected) {
                    unexpected.add(difference);
                }
            }
            assertThat(unexpected).as("the installation is as before the upgrade, plus what the user added").isEmpty();
            JsonNode metadata = JSON.readTree(env.root().resolve(stateFile).toFile()).get("metadata");
            assertThat(metadata.get("status").asText()).isEqualTo("rolled_back");
            assertThat(metadata.get("rollback_reason").asText()).isEqualTo("Manual rollback by user (runbook undo of run "
                    + runId + ")");
            assertThat(Instant.parse(metadata.get("rolled_back_at").asText())).isBetween(started, Instant.now());
            try (Journal journal = Journal.open(temp.resolve("undo-state/journal.db"))) {
                assertThat(journal.latestSteps(runId)).filteredOn(s -> s.stepId().equals("backup")).singleElement()
                        .satisfies(s -> assertThat(s.status()).isEqualTo(StepStatus.UNDONE));
                assertThat(journal.integrityCheck()).isEqualTo("ok");
            }
        }
    }

    private Run undo(ExampleEnvironment env, String runId, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("undo", runId, "--json", "--state",
                temp.resolve(env.root().getFileName() + "-state").toString()));
        args.addAll(extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return new Run(code, events, out + "\n" + err);
    }

    @Test
    void manualRollbackRestoresTheNewestBackupAndPassesTheChecklist() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("manual"), "manual")) {
            List<String> params = manualParams(env);
            EnvironmentSnapshot before = dryRunChangesNothing(env, ROLLBACK, params, 0);
            Run run = run(env, ROLLBACK, concat(params, List.of("--yes")));
            assertThat(run.code()).as(run.output()).isZero();
            assertThat(run.finished("find-backup").get("outputs").get("name").asText()).isEqualTo("2025-10-08-103045");
            for (String check : List.of("verify-backup", "verification-checklist", "check-version", "verify-health")) {
                assertThat(run.finished(check).get("status").asText()).as(check).isEqualTo("succeeded");
            }
            // Integrity was verified before anything was touched: the server stop comes after it.
            assertThat(run.order("verify-backup")).isLessThan(run.order("stop-server"));
            assertRolledBackToNewestBackup(env, before);
            // Issue 12, point 5: the snapshot (a frozen set whose one package's own requirement is not
            // installed) is installed offline without resolving again; the satisfied pin is not fetched.
            JsonNode dependencies = run.finished("restore-dependencies");
            assertThat(dependencies.get("status").asText()).as(dependencies.toString()).isEqualTo("succeeded");
            assertThat(dependencies.get("outputs").get("stdout").asText())
                    .contains("Requirement already satisfied: praxis-telemetry-stub==0.3.0");
            // The restore's outputs, its note and the run's report list what was left in place.
            JsonNode restore = run.finished("restore-files");
            List<String> preserved = new ArrayList<>();
            restore.get("outputs").get("preserved_files").forEach(name -> preserved.add(name.asText()));
            assertThat(preserved).contains("workflows/team_onboarding/metadata.json",
                    "workflows/team_onboarding/phases/0/phase.md", "workflows/spec_execution_v1/team-review.md");
            assertThat(restore.get("effects").toString()).contains("workflows/team_onboarding/metadata.json");
            StringWriter report = new StringWriter();
            Main.execute(new String[] {"report", run.last("run_finished").get("run").asText(), "--state",
                    temp.resolve(env.root().getFileName() + "-state").toString()}, new PrintWriter(report, true),
                    new PrintWriter(new StringWriter(), true));
            assertThat(report.toString()).contains("left in place 6 files",    // Markdown escapes the underscores
                    "workflows/team\\_onboarding/metadata.json", "workflows/spec\\_execution\\_v1/team-review.md");
        }
    }

    @Test
    void manualRollbackKilledInTheRestoreAndResumedEndsAsAnUninterruptedOne() throws Exception {
        // 20 MB of standards make the restore long enough to be killed inside it.
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("kill"), "manual",
                "--size", "20")) {
            EnvironmentSnapshot before = snapshot(env);
            Path state = temp.resolve("kill-state");
            Path out = temp.resolve("kill-out.jsonl");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    Main.class.getName(), "run", ROLLBACK.toString(), "--json", "--yes", "--state", state.toString()));
            command.addAll(params(env));
            command.addAll(manualParams(env));
            Process child = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(temp.resolve("kill-err.txt").toFile()).start();
            // Killed once the restore has begun staging its copy beside the installation.
            awaitStepStart(out, "restore-files", child);
            awaitPath(env.path("praxis_dir").resolve(EntryNames.STAGING), child);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed, not ended by itself").isEqualTo(137);

            String runId;
            try (Journal journal = Journal.open(state.resolve("journal.db"))) {
                runId = journal.history(1).get(0).id();
                List<StepRecord> latest = journal.latestSteps(runId);
                assertThat(latest).as("the kill landed inside the restore")
                        .anyMatch(s -> s.stepId().equals("restore-files") && s.running());
                assertThat(latest).noneMatch(s -> s.stepId().equals("restore-dependencies"));
            }
            StringWriter resumeOut = new StringWriter();
            StringWriter resumeErr = new StringWriter();
            int code = Main.execute(new String[] {"resume", runId, "--yes", "--state", state.toString()},
                    new PrintWriter(resumeOut, true), new PrintWriter(resumeErr, true));
            assertThat(code).as(resumeErr.toString()).isZero();
            try (Journal journal = Journal.open(state.resolve("journal.db"))) {
                // --yes does not pass the human checklist: without a terminal it is recorded as not checked.
                assertThat(journal.latestSteps(runId)).allMatch(s -> s.status() == (s.stepId().equals("manual-checks")
                        ? StepStatus.NOT_CHECKED : StepStatus.SUCCEEDED), "every step succeeded, the checklist not "
                        + "checked").noneMatch(StepRecord::running);
                assertThat(journal.integrityCheck()).isEqualTo("ok");
            }
            assertRolledBackToNewestBackup(env, before);
            assertThat(env.path("praxis_dir").resolve(EntryNames.STAGING)).as("no staging left behind").doesNotExist();
        }
    }

    // ---- the automatic rollback ---------------------------------------------------------------------

    private void automaticRollback(String mode, String failingStep, String errorText) throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve(mode), mode)) {
            // Seed, Prevention 1: dry run first. Phase 2's missing release folder shows up already there.
            // Phase 2's missing release folder: the dry run is a gate and says the real run would fail (exit 7).
            EnvironmentSnapshot before = dryRunChangesNothing(env, UPGRADE, List.of(), mode.equals("phase2") ? 7 : 0);
            Path python = env.path("praxis_dir").resolve("venv/bin/python");
            String freezeBefore = pipFreeze(python);

            Instant started = Instant.now();
            Run run = run(env, UPGRADE, List.of("--yes"));
            assertThat(run.code()).as(run.output()).isEqualTo(4);
            JsonNode finished = run.last("run_finished");
            assertThat(finished.get("status").asText()).isEqualTo("rolled back");
            assertThat(finished.get("failed_step").asText()).isEqualTo(failingStep);
            assertThat(run.finished(failingStep).get("error").asText()).contains(errorText);
            for (int undo = 1; undo <= 6; undo++) {
                assertThat(run.finished("backup:undo:" + undo).get("status").asText()).as(run.output())
                        .isEqualTo("undone");
            }

            EnvironmentSnapshot after = snapshot(env);
            Path backup = Path.of(run.finished("backup").get("outputs").get("path").asText());
            String backupPrefix = PRAXIS + ".backups/" + backup.getFileName() + "/";
            String stateFile = PRAXIS + ".cache/state/praxis_os_upgrade.json";
            List<String> unexpected = new ArrayList<>();
            for (String difference : before.differences(after)) {
                boolean expected = difference.startsWith("added " + backupPrefix)        // phase 1, kept
                        || difference.equals("changed " + PRAXIS + ".cache/mcp_server.log")
                        || difference.equals("added " + stateFile)
                        || difference.startsWith("processes: ");
                if (!expected) {
                    unexpected.add(difference);
                }
            }
            assertThat(unexpected).as("the installation is exactly as before the upgrade").isEmpty();
            // The phase 1 backup holds the pre-upgrade files, byte for byte.
            Map<String, String> backedUp = under(after, backupPrefix);
            assertThat(backedUp).containsKeys("VERSION.txt", "config.json", "requirements-snapshot.txt",
                    "workflows/local_release_checklist/metadata.json");
            backedUp.forEach((name, sum) -> {
                if (!List.of("SHA256SUMS", "METADATA.json", "BACKUP_MANIFEST.txt", "requirements-snapshot.txt")
                        .contains(name)) {
                    assertThat(sum).as(name).isEqualTo(before.files().get(PRAXIS + name));
                }
            });
            // Rollback 4 hard-linked the files this run had moved aside, which hold the backup's bytes, instead
            // of copying them: the standards document 1.5.0 dropped is the very file phase 2 kept. The backup
            // itself shares no file with the installation.
            Path praxis = env.path("praxis_dir");
            Path forensics = temp.resolve(mode + "-state/runs").resolve(finished.get("run").asText()).resolve("forensics");
            long linked = run.finished("backup:undo:2").get("outputs").get("linked").asLong();
            if (!mode.equals("phase2")) {
                String dropped = "workflows/workflow-construction.md";
                assertThat(Files.isSameFile(praxis.resolve("standards/universal").resolve(dropped),
                        forensics.resolve("upgrade-standards/universal").resolve(dropped))).isTrue();
                assertThat(linked).isPositive();
            }
            try (var files = Files.walk(backup)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path live = praxis.resolve(backup.relativize(file));
                    assertThat(Files.exists(live) && Files.isSameFile(live, file)).as(live.toString()).isFalse();
                }
            }
            // The server was restarted (a new process, the same command) and is healthy on 1.4.2.
            assertThat(after.processes()).hasSize(1);
            assertThat(after.processes().get(0)).isNotEqualTo(before.processes().get(0))
                    .endsWith(before.processes().get(0).substring(before.processes().get(0).indexOf(' ')));
            HttpResponse<String> health = health(env);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"version\": \"1.4.2\"", "\"healthy\": true");
            // Dependencies are those of the snapshot.
            assertThat(pipFreeze(python)).isEqualTo(freezeBefore)
                    .isEqualTo(Files.readString(backup.resolve("requirements-snapshot.txt")));
            // Seed, What Happens 8: status rolled_back, with time and reason.
            JsonNode metadata = JSON.readTree(env.root().resolve(stateFile).toFile()).get("metadata");
            assertThat(metadata.get("status").asText()).isEqualTo("rolled_back");
            assertThat(Instant.parse(metadata.get("rolled_back_at").asText())).isBetween(started, Instant.now());
            assertThat(metadata.get("rollback_reason").asText()).contains(failingStep, errorText);
            // The failure's evidence, beside what the rollback replaced.
            String report = Files.readString(forensics.resolve("FAILURE_REPORT.md"));
            assertThat(report).contains("# praxis-os-upgrade Failure Report", "Step **" + failingStep + "**",
                    "(rolled_back", "## Rollback Actions Taken");
            for (int undo = 1; undo <= 6; undo++) {
                // Each undo action by its id and the title the runbook gives it (seed, "What Happens" 3-8).
                assertThat(report).containsPattern("- backup:undo:" + undo + " \\(Rollback " + (undo + 2)
                        + ": [^\\n]*\\), undoes backup: succeeded");
            }
            assertThat(forensics.resolve("MANIFEST.txt")).exists();
            assertThat(forensics.resolve("pip-freeze.txt")).exists();
            assertThat(Files.readString(forensics.resolve("processes.txt"))).contains("-m mcp_server");
        }
    }

    // ---- the manual rollback ------------------------------------------------------------------------

    private static List<String> manualParams(ExampleEnvironment env) {
        return List.of("-p", "expected_version=" + env.facts().get("pre_upgrade_version").asText(),
                "-p", "state_file=" + env.path("state_file"));
    }

    /** The state an uninterrupted manual rollback leaves, against the snapshot taken before it ran. */
    private void assertRolledBackToNewestBackup(ExampleEnvironment env, EnvironmentSnapshot before) throws Exception {
        EnvironmentSnapshot after = snapshot(env);
        String backupPrefix = PRAXIS + ".backups/2025-10-08-103045/";
        Map<String, String> backup = under(after, backupPrefix);
        assertThat(backup).as("the backup is kept as it was").isEqualTo(under(before, backupPrefix));
        // Every restored entry now holds exactly the backup's files.
        Map<String, String> restored = new TreeMap<>();
        Map<String, String> expected = new TreeMap<>();
        under(after, PRAXIS).forEach((name, sum) -> {
            if (RESTORED.stream().anyMatch(r -> name.equals(r) || name.startsWith(r + "/"))) {
                restored.put(name, sum);
            }
        });
        backup.forEach((name, sum) -> {
            if (RESTORED.stream().anyMatch(r -> name.equals(r) || name.startsWith(r + "/"))) {
                expected.put(name, sum);
            }
        });
        // Issue 12, point 4: under workflows/, whatever the backup lacks stays as it was, whatever its
        // name: the user's workflow and file added after the backup (and the release's new workflow).
        Map<String, String> keptInPlace = new TreeMap<>();
        under(before, PRAXIS).forEach((name, sum) -> {
            if (name.startsWith("workflows/") && !backup.containsKey(name)) {
                keptInPlace.put(name, sum);
            }
        });
        List<String> addedAfterBackup = new ArrayList<>();
        env.facts().get("added_after_backup").forEach(name -> addedAfterBackup.add(name.asText()));
        assertThat(addedAfterBackup).contains("workflows/team_onboarding/metadata.json",
                "workflows/spec_execution_v1/team-review.md");
        assertThat(keptInPlace).containsKeys(addedAfterBackup.toArray(String[]::new))
                .containsKey("workflows/spec_creation_v1/metadata.json");
        expected.putAll(keptInPlace);
        assertThat(restored).isEqualTo(expected);
        // Outside them, only the server log and the session state (its previous version kept beside it).
        List<String> outside = new ArrayList<>();
        for (String difference : before.differences(after)) {
            String path = difference.substring(difference.indexOf(' ') + 1);
            if (!difference.startsWith("processes: ") && RESTORED.stream().noneMatch(r -> path.startsWith(PRAXIS + r))) {
                outside.add(difference);
            }
        }
        String session = PRAXIS + ".cache/state/upgrade-2025-10-08-103045.json";
        assertThat(outside).hasSize(3).contains("changed " + PRAXIS + ".cache/mcp_server.log", "changed " + session)
                .anyMatch(d -> d.startsWith("added " + session + ".before-"));
        JsonNode metadata = JSON.readTree(env.path("state_file").toFile()).get("metadata");
        assertThat(metadata.get("status").asText()).isEqualTo("rolled_back");
        assertThat(metadata.get("rollback_reason").asText()).isEqualTo("Manual rollback by user");
        assertThat(Files.readString(env.path("praxis_dir").resolve("VERSION.txt")).trim()).isEqualTo("1.4.2");
        HttpResponse<String> health = health(env);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"version\": \"1.4.2\"", "\"healthy\": true");
        assertThat(after.processes()).hasSize(1);
    }

    // ---- running the CLI ----------------------------------------------------------------------------

    /** A dry run against the environment; returns the snapshot taken before it, equal to the one after. */
    private EnvironmentSnapshot dryRunChangesNothing(ExampleEnvironment env, Path runbook, List<String> extra,
                                                     int expectedCode) {
        EnvironmentSnapshot before = snapshot(env);
        List<String> args = new ArrayList<>(List.of("run", runbook.toString(), "--dry-run", "--state",
                temp.resolve(env.root().getFileName() + "-dry").toString()));
        args.addAll(params(env));
        args.addAll(extra);
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(before.differences(snapshot(env))).as(err.toString()).isEmpty();
        assertThat(code).as(err.toString()).isEqualTo(expectedCode);
        assertThat(err.toString()).containsPattern("\npreview: \\d+ of \\d+ steps can be previewed from real state")
                .containsPattern(expectedCode == 0 ? "gate: every selected step would run.*\n$"
                        : "gate: would stop at \\d+ steps?: .*\n$");
        return before;
    }

    private Run run(ExampleEnvironment env, Path runbook, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", runbook.toString(), "--json", "--state",
                temp.resolve(env.root().getFileName() + "-state").toString()));
        args.addAll(params(env));
        args.addAll(extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return new Run(code, events, out + "\n" + err);
    }

    private static List<String> params(ExampleEnvironment env) {
        List<String> params = new ArrayList<>(env.runbookParams());
        params.add("-p");
        params.add("server_match=" + serverPattern(env));
        return params;
    }

    /**
     * This environment's server only: its venv's interpreter running mcp_server. The same pattern
     * goes to process.stop (Java regex) and the checklist's pgrep (POSIX ERE), so every character
     * of the path that could be special is written as a one-character bracket expression.
     */
    private static String serverPattern(ExampleEnvironment env) {
        StringBuilder regex = new StringBuilder();
        for (char c : env.path("praxis_dir").resolve("venv/bin/python").toString().toCharArray()) {
            regex.append(Character.isLetterOrDigit(c) || c == '/' || c == '_' ? String.valueOf(c) : "[" + c + "]");
        }
        return regex + " -m mcp_server";
    }

    private static EnvironmentSnapshot snapshot(ExampleEnvironment env) {
        return EnvironmentSnapshot.take(env.root(), List.of(serverPattern(env)));
    }

    private static Map<String, String> under(EnvironmentSnapshot snapshot, String prefix) {
        Map<String, String> files = new TreeMap<>();
        snapshot.files().forEach((name, sum) -> {
            if (name.startsWith(prefix)) {
                files.put(name.substring(prefix.length()), sum);
            }
        });
        return files;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private record Run(int code, List<JsonNode> events, String output) {
        JsonNode finished(String step) {
            return events.stream().filter(e -> e.get("event").asText().equals("step_finished")
                    && e.get("step").asText().equals(step)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no step_finished for " + step + ":\n" + output));
        }

        JsonNode last(String event) {
            return events.stream().filter(e -> e.get("event").asText().equals(event)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no " + event + ":\n" + output));
        }

        int order(String step) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).get("event").asText().equals("step_started")
                        && events.get(i).get("step").asText().equals(step)) {
                    return i;
                }
            }
            throw new AssertionError("no step_started for " + step);
        }
    }

    private static void awaitStepStart(Path out, String step, Process child) throws Exception {
        String marker = "\"event\":\"step_started\"";
        String name = "\"step\":\"" + step + "\"";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out)) {
                for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                    if (line.contains(marker) && line.contains(name)) {
                        return;
                    }
                }
            }
            if (!child.isAlive()) {
                throw new AssertionError("the run ended before " + step + " started (" + child.exitValue() + ")");
            }
            Thread.sleep(1);
        }
        throw new AssertionError(step + " never started");
    }

    private static void awaitPath(Path path, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(path)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(path + " never appeared while the run was alive");
            }
            Thread.sleep(1);
        }
    }

    private static String pipFreeze(Path python) throws Exception {
        Process process = new ProcessBuilder(python.toString(), "-m", "pip", "freeze")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        return output;
    }

    private static HttpResponse<String> health(ExampleEnvironment env) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.facts().get("health_url").asText()))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
