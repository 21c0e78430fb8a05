package dev.runbook.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * A small deployed application in each fleet host's HOME ({@code app/}): a JSON configuration, a
 * SQLite database and a git checkout, at version 1.0; and {@link #DEPLOY}, a runbook that moves all
 * three to 2.0, each step with its undo (or covered by one), and fails on hosts whose var {@code fail}
 * is true (rolling that host back itself). Every run and undo appends "run hN LENGTH" (the length of
 * the secret param token as the host saw it) / "undo hN" to one
 * shared file (all hosts are this machine), which is how a test sees the order across hosts.
 */
public final class FleetApps {

    /** The runbook; params app_dir, host, order_log and fail come from the inventory's host vars. */
    public static final String DEPLOY = """
            format: 1
            name: fleet-deploy
            params:
              app_dir: { type: path }
              host: { type: string }
              order_log: { type: path }
              fail: { type: bool, default: false }
              pause: { type: string, default: "0" }
              token: { type: string, secret: true, default: "" }
            steps:
              - id: config
                action: json.set
                with: { file: "{{ params.app_dir }}/config.json", set: { version: "2.0" } }
                undo:
                  action: file.restore
                  with: { from: "{{ steps.config.outputs.kept_as }}", to: "{{ params.app_dir }}/config.json" }
              - id: db-backup
                action: sqlite.backup
                with: { db: "{{ params.app_dir }}/data.db", to: "{{ run.forensics }}/data.db.pre" }
                undo:
                  action: sqlite.restore
                  with: { from: "{{ steps['db-backup'].outputs.path }}", to: "{{ params.app_dir }}/data.db" }
              - id: db-change
                action: exec
                needs: [db-backup]
                undone_by: db-backup
                with:
                  cmd: [python3, -c, "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\\"update t set v = '2.0'\\"); c.commit()", "{{ params.app_dir }}/data.db"]
              - id: code
                action: git.reset
                with: { repo: "{{ params.app_dir }}/repo", ref: v2, mode: hard }
                undo:
                  action: git.reset
                  with: { repo: "{{ params.app_dir }}/repo", ref: "{{ steps.code.outputs.before }}", mode: hard }
              - id: record
                action: exec
                with:
                  shell: "echo run {{ params.host }} $(printf %s \\"$TOKEN\\" | wc -c) >> {{ params.order_log }}; sleep {{ params.pause }}"
                  env: { TOKEN: "{{ params.token }}" }
                undo:
                  action: exec
                  with: { shell: "echo undo {{ params.host }} >> {{ params.order_log }}" }
              - id: health
                action: exec
                readonly: true
                on_error: rollback
                with: { cmd: [test, "{{ params.fail }}", "!=", "true"] }
            """;

    private FleetApps() {
    }

    /** Installs version 1.0 in {@code host}'s HOME; returns its app folder. */
    public static Path install(SshdHost host) throws Exception {
        Path app = Files.createDirectories(host.home().resolve("app"));
        Files.writeString(app.resolve("config.json"), "{\"version\": \"1.0\"}\n");
        SqliteFiles.create(app.resolve("data.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('1.0')");
        try (Git git = Git.init().setDirectory(app.resolve("repo").toFile()).setInitialBranch("main").call()) {
            Files.writeString(app.resolve("repo/code.txt"), "1.0\n");
            git.add().addFilepattern("code.txt").call();
            git.commit().setMessage("1.0").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
            Files.writeString(app.resolve("repo/code.txt"), "2.0\n");
            git.commit().setAll(true).setMessage("2.0").setAuthor("t", "t@example.org")
                    .setCommitter("t", "t@example.org").call();
            git.tag().setName("v2").setAnnotated(false).call();
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef("HEAD~1").call();
        }
        return app;
    }

    /** The version each of the three parts is at: "1.0 1.0 1.0" as installed, "2.0 2.0 2.0" deployed. */
    public static String versions(SshdHost host) throws Exception {
        Path app = host.home().resolve("app");
        String config = Files.readString(app.resolve("config.json")).replaceAll("(?s).*\"version\": *\"([^\"]*)\".*", "$1");
        String db;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + app.resolve("data.db"));
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT v FROM t")) {
            db = rows.next() ? rows.getString(1) : "none";
        }
        String code = Files.readString(app.resolve("repo/code.txt")).trim();
        try (Git git = Git.open(app.resolve("repo").toFile())) {
            Repository repo = git.getRepository();
            String head = repo.resolve(Constants.HEAD).name();
            String v2 = repo.resolve("v2^{commit}").name();
            String atTag = head.equals(v2) ? "2.0" : "1.0";
            if (!atTag.equals(code) || !git.status().call().isClean()) {
                return config + " " + db + " git:" + atTag + "/tree:" + code + "/clean:" + git.status().call().isClean();
            }
        }
        return config + " " + db + " " + code;
    }
}
