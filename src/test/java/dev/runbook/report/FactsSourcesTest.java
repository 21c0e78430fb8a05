package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.runbook.sqlite.AlembicVersion;
import dev.runbook.support.SqliteFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure report's facts are read by the code the actions use: on real repositories, databases
 * and files, each fact says what git/, sqlite/ and files/ say, including where they refuse.
 */
class FactsSourcesTest {

    @TempDir
    Path dir;

    @Test
    void severalAlembicRowsAreRefusedAsTheAlembicActionsRefuseThem() throws Exception {
        Path branched = SqliteFiles.create(dir.resolve("branched.db"),
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                "INSERT INTO alembic_version VALUES ('1a2b3c4d5e6f'), ('9f8e7d6c5b4a')");
        String before = SqliteFiles.sha256(branched);
        String refusal = refusalOf(branched);

        String value = value(Facts.collect(dir, List.of(), List.of("branched.db"), List.of()));

        assertThat(value).isEqualTo("unavailable: " + refusal).contains("more than one revision")
                .contains("1a2b3c4d5e6f").contains("9f8e7d6c5b4a");
        assertThat(SqliteFiles.sha256(branched)).isEqualTo(before);
        assertThat(Files.list(dir)).containsExactly(branched);
    }

    @Test
    void aDatabaseWithoutTheTableIsAtBaseAsAlembicSeesIt() {
        SqliteFiles.create(dir.resolve("fresh.db"), "CREATE TABLE agents (id INTEGER PRIMARY KEY)");
        SqliteFiles.create(dir.resolve("one.db"),
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                "INSERT INTO alembic_version VALUES ('3c9d1e7f5a12')");

        List<Map<String, Object>> facts = Facts.collect(dir, List.of(), List.of("fresh.db", "one.db", "gone.db"),
                List.of());

        assertThat(facts).extracting(f -> f.get("value")).containsExactly("(base: no revision)", "3c9d1e7f5a12",
                "unavailable: no file " + dir.resolve("gone.db"));
    }

    @Test
    void gitHeadNamesTheCommitAndBranchOrSaysDetachedEmptyOrNoRepository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("app"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        RevCommit first;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("release/1.4").call();
             Git none = Git.init().setDirectory(empty.toFile()).call()) {
            Files.writeString(repo.resolve("app.py"), "print('v1')\n");
            git.add().addFilepattern("app.py").call();
            first = commit(git, "v1");
            Files.createDirectories(repo.resolve("src/deep"));
        }

        List<Map<String, Object>> facts = Facts.collect(dir, List.of("app", "app/src/deep", "empty", "plain",
                "app/missing"), List.of(), List.of());

        assertThat(facts).extracting(f -> f.get("value")).containsExactly(
                first.name() + " (release/1.4)",
                first.name() + " (release/1.4)",
                "unavailable: no commit yet",
                "unavailable: no git repository at " + plain,
                "unavailable: no git repository at " + repo.resolve("missing"));

        try (Git git = Git.open(repo.toFile())) {
            Files.writeString(repo.resolve("app.py"), "print('v2')\n");
            git.add().addFilepattern("app.py").call();
            commit(git, "v2");
            git.checkout().setName(first.name()).call();
        }
        assertThat(value(Facts.collect(dir, List.of("app"), List.of(), List.of())))
                .isEqualTo(first.name() + " (detached)");
    }

    @Test
    void sha256IsTheDigestSha256sumPrints() throws Exception {
        Path file = Files.write(dir.resolve("tmws.db"), new byte[3 * (1 << 20) + 17]);

        assertThat(value(Facts.collect(dir, List.of(), List.of(), List.of("tmws.db"))))
                .isEqualTo(SqliteFiles.sha256(file));
    }

    private static String refusalOf(Path db) {
        Throwable refusal = catchThrowable(() -> AlembicVersion.read(db));
        assertThat(refusal).isInstanceOf(SQLException.class);
        return refusal.getMessage();
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        return git.commit().setMessage(message).setAuthor("ops", "ops@example.com")
                .setCommitter("ops", "ops@example.com").setSign(false).call();
    }

    private static String value(List<Map<String, Object>> facts) {
        assertThat(facts).hasSize(1);
        return (String) facts.get(0).get("value");
    }
}
