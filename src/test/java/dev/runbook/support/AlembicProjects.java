package dev.runbook.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Alembic project for tests: alembic.ini, env.py and a branch-free chain of N revisions
 * in migrations/versions, each creating a table {@code t1..tN} (revision 2 also adds a column to
 * t1), over the SQLite database data/app.db. {@link #migrate} runs the real alembic command.
 * Half of the scripts use the newer annotated form ({@code revision: str = ...}).
 */
public record AlembicProjects(Path root, List<String> revisions, List<String> messages) {

    private static final String INI = """
            [alembic]
            script_location = %(here)s/migrations
            sqlalchemy.url = sqlite:///%(here)s/data/app.db
            """;

    private static final String ENV = """
            from alembic import context
            from sqlalchemy import engine_from_config, pool

            config = context.config
            engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                                        poolclass=pool.NullPool)
            with engine.connect() as connection:
                context.configure(connection=connection, target_metadata=None)
                with context.begin_transaction():
                    context.run_migrations()
            """;

    /** Creates the project (no database yet: {@link #migrate} to "head" makes it). */
    public static AlembicProjects create(Path root, int count) throws IOException {
        Path versions = Files.createDirectories(root.resolve("migrations/versions"));
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("alembic.ini"), INI);
        Files.writeString(root.resolve("migrations/env.py"), ENV);
        List<String> revisions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = String.format("%04x%08x", i * 4099, 0x5eed0000 + i * 7919);
            String down = i == 1 ? "None" : "'" + revisions.get(i - 2) + "'";
            String message = i == 2 ? "add email to t1 and create t2" : "create table t" + i;
            boolean annotated = i % 2 == 0;
            String upgrade = "    op.create_table('t" + i + "', sa.Column('id', sa.Integer, primary_key=True))\n"
                    + (i == 2 ? "    op.add_column('t1', sa.Column('email', sa.String(100)))\n" : "");
            String downgrade = (i == 2 ? "    with op.batch_alter_table('t1') as batch:\n"
                    + "        batch.drop_column('email')\n" : "") + "    op.drop_table('t" + i + "')\n";
            Files.writeString(versions.resolve(id + "_" + message.replace(' ', '_') + ".py"), "\"\"\"" + message
                    + "\n\nRevision ID: " + id + "\nRevises: " + (i == 1 ? "" : revisions.get(i - 2))
                    + "\nCreate Date: 2025-11-2" + (i % 10) + " 10:00:00\n\n\"\"\"\n"
                    + "from alembic import op\nimport sqlalchemy as sa\n\n"
                    + (annotated ? "revision: str = '" + id + "'\ndown_revision: str | None = " + down + "\n"
                    : "revision = '" + id + "'\ndown_revision = " + down + "\n")
                    + "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n" + upgrade
                    + "\n\ndef downgrade():\n" + downgrade, StandardCharsets.UTF_8);
            revisions.add(id);
            messages.add(message);
        }
        return new AlembicProjects(root, List.copyOf(revisions), List.copyOf(messages));
    }

    public Path db() {
        return root.resolve("data/app.db");
    }

    /** The real `alembic upgrade TARGET` (or downgrade when the target is below); fails the test if alembic fails. */
    public AlembicProjects migrate(String direction, String target) {
        try {
            Process alembic = new ProcessBuilder("alembic", "-c", root.resolve("alembic.ini").toString(), direction,
                    target).directory(root.toFile()).redirectErrorStream(true).start();
            String output = new String(alembic.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!alembic.waitFor(60, TimeUnit.SECONDS) || alembic.exitValue() != 0) {
                throw new IllegalStateException("alembic " + direction + " " + target + " failed: " + output);
            }
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run alembic (apt-get install alembic): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The project with its database migrated to head. */
    public static AlembicProjects migrated(Path root, int count) throws IOException {
        return create(root, count).migrate("upgrade", "head");
    }
}
