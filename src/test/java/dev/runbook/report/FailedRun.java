package dev.runbook.report;

import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;

/**
 * A real failed run: a git repository and an alembic-stamped SQLite file to collect facts from, a
 * runbook whose exec step fails twice (stderr holding markup and a template expression), a
 * rollback, and report.render in on_failure. Driven through Main.execute like a user would.
 */
final class FailedRun {

    static final String RUNBOOK = """
            format: 1
            name: tmws
            params:
              repo: { type: path }
              db: { type: path }
              token: { default: "s3cr3t-t0ken", secret: true }
            steps:
              - id: prepare
                title: "Prepare with {{ params.token }}"
                action: exec
                with: { shell: "echo prepared with {{ params.token }}" }
                undo: { action: exec, with: { cmd: [sh, -c, "echo undoing prepare"] } }
              - id: health
                action: exec
                with: { cmd: ["true"] }
                verify:
                  - assert: { that: "{{ steps['health'].outputs.exit_code == 0 }}" }
                  - assert: { that: "{{ steps['health'].outputs.stdout == '' }}" }
              - id: migrate
                title: Migrate the database
                action: exec
                retry: { attempts: 2, delay: 10ms }
                on_error: rollback
                with:
                  shell: >-
                    echo 'step 1 of 3: upgrading'; echo 'step 2 of 3: adding column';
                    printf 'sqlite3.OperationalError: duplicate column\\n\\074script\\076alert(1)\\074/script\\076 \\173\\1737*7\\175\\175 | pipe\\n' >&2;
                    exit 3
              - id: never
                action: exec
                with: { cmd: ["true"] }
            on_failure:
              - id: failure-report
                action: report.render
                with:
                  template: failure-report.md.peb
                  to: "{{ run.forensics }}/FAILURE_REPORT.md"
                  git: ["{{ params.repo }}"]
                  alembic: ["{{ params.db }}"]
                  checksums: ["{{ params.db }}"]
            """;

    final Path dir;
    final Path state;
    final String runId;
    final int exitCode;
    final String err;

    private FailedRun(Path dir, Path state, String runId, int exitCode, String err) {
        this.dir = dir;
        this.state = state;
        this.runId = runId;
        this.exitCode = exitCode;
        this.err = err;
    }

    static FailedRun in(Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("app.py"), "print('tmws')\n");
            git.add().addFilepattern("app.py").call();
            git.commit().setMessage("phase 4").setAuthor("ops", "ops@example.com")
                    .setCommitter("ops", "ops@example.com").setSign(false).call();
        }
        Path db = dir.resolve("tmws.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
            sql.execute("INSERT INTO alembic_version VALUES ('4f2a9c1e7b3d')");
        }
        Path file = dir.resolve("tmws.yaml");
        Files.writeString(file, RUNBOOK);
        Path state = dir.resolve("state");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", file.toString(), "--json", "--state", state.toString(),
            "-p", "repo=" + repo, "-p", "db=" + db}, new PrintWriter(out, true), new PrintWriter(err, true));
        Matcher id = Pattern.compile("\"run\":\"([^\"]+)\"").matcher(out.toString());
        if (!id.find()) {
            throw new AssertionError("no run id in: " + out + err);
        }
        return new FailedRun(dir, state, id.group(1), code, err.toString());
    }

    /** runbook report with these arguments: exit code, stdout, stderr. */
    Result report(String... args) {
        List<String> all = new ArrayList<>(List.of("report", runId, "--state", state.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    Path forensics() {
        return state.resolve("runs").resolve(runId).resolve("forensics");
    }

    record Result(int code, String out, String err) {
    }
}
