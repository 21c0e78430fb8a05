package dev.runbook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.process.ProcessMatcher;
import dev.runbook.support.EnvironmentSnapshot;
import dev.runbook.support.ExampleEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example environments are what the shipped runbooks' end-to-end tests run against, so their
 * facts are checked here with real tools: JGit, the alembic CLI, sqlite, sha256sum, HTTP, /proc.
 */
class ExamplesTest {

    private static final String PRE_PHASE4 = "3c9d1e7f5a12";
    private static final String PHASE4 = "5e2f9a0c7b34";

    @TempDir
    Path temp;

    @Test
    void tmwsBeforePhase4IsHealthyTaggedMigratedAndBackedUp() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("tmws", temp.resolve("tmws"), "none")) {
            Path root = env.root();
            try (Git git = Git.open(root.toFile())) {
                Repository repo = git.getRepository();
                ObjectId tagged = repo.getRefDatabase().peel(repo.exactRef("refs/tags/pre-phase4")).getPeeledObjectId();
                assertThat(tagged).isNotNull();
                assertThat(commitsBetween(repo, tagged, repo.resolve("HEAD"))).isEqualTo(2);
                assertThat(git.status().call().isClean()).isTrue();
            }
            assertThat(run(root, "alembic", "current")).contains(PRE_PHASE4 + " (head)");
            assertThat(pythonFiles(root.resolve("migrations/versions"))).hasSize(12);

            Path backup = root.resolve("backups/pre-phase4");
            assertThat(run(backup, "sha256sum", "-c", "--strict", "SHA256SUMS")).doesNotContain("FAILED");
            try (Stream<Path> files = Files.walk(backup)) {
                assertThat(files.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(20);
            }
            assertThat(Files.size(backup.resolve("database/tmws.db.backup"))).isBetween(700_000L, 1_000_000L);
            assertThat(Files.readAllBytes(backup.resolve("database/tmws.db.backup")))
                    .isEqualTo(Files.readAllBytes(root.resolve("data/tmws.db")));
            assertThat(scalar(root.resolve("data/tmws.db"), "PRAGMA integrity_check")).isEqualTo("ok");

            HttpResponse<String> health = get(env.facts().get("health_url").asText());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\": \"healthy\"", "\"version\": \"2.4.0\"");
            // The seed's Step 1 pattern finds the service, and only this environment's copy of it.
            assertThat(ProcessMatcher.matching(ProcessMatcher.compile(List.of("python.*tmws"))))
                    .anyMatch(p -> p.commandLine().contains(root + "/bin/tmws-server"));
            Path python = env.path("root").resolve(".venv/bin/python");
            assertThat(run(root, python.toString(), "-m", "pytest", "-v",
                    "tests/unit/services/test_verification_service.py",
                    "tests/unit/services/test_verification_learning_integration.py",
                    "tests/integration/test_go_python_category_sync.py")).contains("10 passed");

            EnvironmentSnapshot before = EnvironmentSnapshot.take(root, env.stopPatterns());
            assertThat(before.differences(EnvironmentSnapshot.take(root, env.stopPatterns()))).isEmpty();
            Files.writeString(root.resolve("alembic.ini"), "# touched\n", java.nio.file.StandardOpenOption.APPEND);
            assertThat(before.differences(EnvironmentSnapshot.take(root, env.stopPatterns())))
                    .containsExactly("changed alembic.ini");
        }
    }

    @Test
    void tmwsMigrationFailureLeavesRevision013AndTheServiceDown() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("tmws", temp.resolve("m"), "migration")) {
            Path root = env.root();
            assertThat(run(root, "alembic", "current")).contains(PHASE4 + " (head)");
            assertThat(pythonFiles(root.resolve("migrations/versions"))).hasSize(13);
            assertThat(env.facts().get("service_running").asBoolean()).isFalse();
            assertThat(Files.readString(root.resolve("logs/tmws.log")))
                    .contains("not starting: database is at revision " + PHASE4);
            // The one-step downgrade the migration scenario runs really works on this database.
            run(root, "alembic", "downgrade", "-1");
            assertThat(scalar(root.resolve("data/tmws.db"), "SELECT version_num FROM alembic_version")).isEqualTo(PRE_PHASE4);
        }
    }

    @Test
    void tmwsDatabaseDamageFailsTheIntegrityCheckWhileTheServiceRuns() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("tmws", temp.resolve("d"), "database")) {
            Path db = env.root().resolve("data/tmws.db");
            assertThat(scalar(db, "PRAGMA integrity_check")).isNotEqualTo("ok");
            assertThat(scalar(db, "SELECT version_num FROM alembic_version")).isEqualTo(PRE_PHASE4);
            assertThat(Files.readAllBytes(db))
                    .isNotEqualTo(Files.readAllBytes(env.root().resolve("backups/pre-phase4/database/tmws.db.backup")));
            assertThat(env.facts().get("service_running").asBoolean()).isTrue();
            assertThat(get(env.facts().get("health_url").asText()).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void tmwsCompleteFailureChangesConfigurationMigrationsAndCriticalFiles() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("tmws", temp.resolve("c"), "complete")) {
            Path root = env.root();
            Path backup = root.resolve("backups/pre-phase4");
            assertThat(Files.readString(root.resolve("pyproject.toml"))).contains("version = \"2.5.0\"");
            for (String config : List.of("pyproject.toml", ".env.example", "alembic.ini")) {
                assertThat(Files.readString(root.resolve(config))).as(config)
                        .isNotEqualTo(Files.readString(backup.resolve("config").resolve(config)));
            }
            assertThat(Files.readString(root.resolve("src/services/verification_service.py")))
                    .isNotEqualTo(Files.readString(backup.resolve("critical_files/verification_service.py")));
            assertThat(run(root, "alembic", "current")).contains(PHASE4);
            assertThat(env.facts().get("service_running").asBoolean()).isFalse();
            Path python = root.resolve(".venv/bin/python");
            assertThat(exitCode(root, python.toString(), "-c", "import src.services.verification_service")).isNotZero();
            try (Git git = Git.open(root.toFile())) {
                assertThat(git.status().call().getModified()).contains("pyproject.toml",
                        "src/domain/value_objects/tool_category.py", "src/services/verification_service.py");
                assertThat(git.status().call().getUntracked()).contains("migrations/versions/013_" + PHASE4
                        + "_phase4_go_category_sync.py");
            }
        }
    }

    @Test
    void tmwsGitFailureCommitsPhase4AfterTheTagWithAnUncommittedHotfix() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("tmws", temp.resolve("g"), "git")) {
            Path root = env.root();
            Path critical = root.resolve("backups/pre-phase4/critical_files");
            try (Git git = Git.open(root.toFile())) {
                Repository repo = git.getRepository();
                ObjectId tagged = repo.getRefDatabase().peel(repo.exactRef("refs/tags/pre-phase4")).getPeeledObjectId();
                assertThat(commitsBetween(repo, tagged, repo.resolve("HEAD"))).isEqualTo(4);
                // HEAD~1 (the file-specific rollback's default) and the tag hold the pre-Phase 4 files; HEAD does not.
                String path = "src/services/verification_service.py";
                String backedUp = Files.readString(critical.resolve("verification_service.py"));
                assertThat(blob(repo, "HEAD~1", path)).isEqualTo(backedUp);
                assertThat(blob(repo, "pre-phase4", path)).isEqualTo(backedUp);
                assertThat(blob(repo, "HEAD", path)).isNotEqualTo(backedUp).contains(PHASE4);
                assertThat(git.status().call().getModified())
                        .containsExactly("src/services/learning_trust_integration.py");
            }
            assertThat(scalar(root.resolve("data/tmws.db"), "SELECT version_num FROM alembic_version")).isEqualTo(PRE_PHASE4);
            assertThat(env.facts().get("service_running").asBoolean()).isFalse();
        }
    }

    @Test
    void praxisInstallationIsHealthyWithABackupAndAReleaseToUpgradeTo() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("p"), "none")) {
            Path praxis = env.path("praxis_dir");
            HttpResponse<String> health = get(env.facts().get("health_url").asText());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"version\": \"1.4.2\"", "\"healthy\": true");
            assertThat(ProcessMatcher.matching(ProcessMatcher.compile(env.stopPatterns())))
                    .anyMatch(p -> p.commandLine().equals(praxis + "/venv/bin/python -m mcp_server"));
            assertThat(Files.readString(praxis.resolve("VERSION.txt")).trim()).isEqualTo("1.4.2");
            Path older = env.path("older_backup");
            assertThat(run(older, "sha256sum", "-c", "--strict", "SHA256SUMS")).doesNotContain("FAILED");
            // Issue 12, point 5: the venv is isolated, so the snapshot pins what the example installed and
            // nothing of the host's (python3-gi and the like). Its one package was installed --no-deps:
            // resolving the snapshot again looks for its exporter and fails offline.
            Path snapshot = older.resolve("requirements-snapshot.txt");
            assertThat(snapshot).hasContent("praxis-telemetry-stub==0.3.0");
            Path venvPython = praxis.resolve("venv/bin/python");
            assertThat(exitCode(praxis, venvPython.toString(), "-m", "pip", "install", "-r", snapshot.toString())).isNotZero();
            assertThat(exitCode(praxis, venvPython.toString(), "-m", "pip", "install", "--no-deps", "-r",
                    snapshot.toString())).isZero();
            for (String entry : List.of("mcp_server/__main__.py", "config.json", "standards", "usage", "workflows")) {
                assertThat(older.resolve(entry)).exists();
            }
            try (Git git = Git.open(env.path("install_dir").toFile())) {
                assertThat(git.status().call().isClean()).isTrue();
            }
            Path release = env.path("source");
            assertThat(release.resolve("universal/workflows/spec_creation_v1/metadata.json")).exists();
            assertThat(Files.readString(release.resolve("mcp_server/__init__.py"))).contains("1.5.0");
            // The runbooks' health probe (seed step 7) against the running server.
            assertThat(run(praxis, env.path("root").resolve("project/.praxis-os/venv/bin/python").toString(), "-c",
                    "from mcp_server.validation_module import ValidationModule; "
                            + "print(ValidationModule().check_server_health())")).contains("'healthy': True");
            assertThat(praxis.resolve("workflows/local_release_checklist/metadata.json")).exists();
            assertThat(praxis.resolve("usage/team-notes.local.md")).exists();
        }
    }

    @Test
    void praxisManualScenarioIsAnUnstable150WithThe142BackupNewest() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("u"), "manual")) {
            Path praxis = env.path("praxis_dir");
            assertThat(env.facts().get("backups").toString()).isEqualTo("[\"2025-09-15-091500\",\"2025-10-08-103045\"]");
            Path newest = praxis.resolve(".backups/2025-10-08-103045");
            assertThat(run(newest, "sha256sum", "-c", "--strict", "SHA256SUMS")).doesNotContain("FAILED");
            assertThat(Files.readString(newest.resolve("mcp_server/__init__.py"))).contains("1.4.2");
            assertThat(Files.readString(praxis.resolve("VERSION.txt")).trim()).isEqualTo("1.5.0");
            assertThat(praxis.resolve("standards/universal/workflows/workflow-construction.md")).doesNotExist();
            assertThat(newest.resolve("standards/universal/workflows/workflow-construction.md")).exists();
            HttpResponse<String> health = get(env.facts().get("health_url").asText());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"version\": \"1.5.0\"");
            assertThat(env.facts().get("server_running").asBoolean()).isTrue();
            assertThat(Files.readString(env.path("state_file"))).contains("\"status\": \"completed\"");
            assertThat(praxis.resolve("workflows/local_release_checklist/metadata.json")).exists();
        }
    }

    @Test
    void praxisBrokenReleasesFailAtTheirPhase() throws Exception {
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("p2"), "phase2")) {
            assertThat(env.path("source").resolve("universal/workflows")).doesNotExist();
            assertThat(get(env.facts().get("health_url").asText()).statusCode()).isEqualTo(200);
        }
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("p3"), "phase3")) {
            Path requirements = env.path("source").resolve("mcp_server/requirements.txt");
            // pip (offline, from the venv's pip.conf) cannot satisfy the new requirement.
            Path python = env.path("praxis_dir").resolve("venv/bin/python");
            assertThat(exitCode(env.root(), python.toString(), "-m", "pip", "install", "-r", requirements.toString()))
                    .isNotZero();
        }
        try (ExampleEnvironment env = ExampleEnvironment.create("praxis-os", temp.resolve("p4"), "phase4")) {
            Path release = env.path("source");
            Path praxis = env.path("praxis_dir");
            // The release's server, started where the upgrade would put it, answers 503.
            Path probe = temp.resolve("p4-probe");
            Files.createDirectories(probe);
            for (String entry : List.of("config.json", "standards", "usage", "workflows")) {
                copyTree(praxis.resolve(entry), probe.resolve(entry));
            }
            copyTree(release.resolve("mcp_server"), probe.resolve("mcp_server"));
            env.close();   // the installed 1.4.2 holds the port: stopped first, as phase 3 does
            Process server = new ProcessBuilder(praxis.resolve("venv/bin/python").toString(), "-m", "mcp_server")
                    .directory(probe.toFile()).redirectErrorStream(true)
                    .redirectOutput(probe.resolve("server.log").toFile()).start();
            try {
                HttpResponse<String> health = awaitHealth(env.facts().get("health_url").asText(), server);
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"version\": \"1.5.0\"", "RAG index version 3");
            } finally {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> awaitHealth(String url, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = get(url);
                if (response.body().contains("1.5.0") || System.nanoTime() > deadline) {
                    return response;
                }
            } catch (IOException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static int commitsBetween(Repository repo, ObjectId from, ObjectId to) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(to));
            walk.markUninteresting(walk.parseCommit(from));
            int count = 0;
            for (RevCommit ignored : walk) {
                count++;
            }
            return count;
        }
    }

    private static String blob(Repository repo, String rev, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(repo.resolve(rev + "^{commit}"));
            try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
                return new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static List<Path> pythonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".py")).toList();
        }
    }

    private static String scalar(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a real command; its output (stdout and stderr), failing the test on a non-zero exit. */
    private static String run(Path cwd, String... cmd) throws Exception {
        Process process = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", cmd) + "\n" + output).isZero();
        return output;
    }

    private static int exitCode(Path cwd, String... cmd) throws Exception {
        Process process = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor();
    }
}
