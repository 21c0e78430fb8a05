package dev.runbook.action;

import dev.runbook.alembic.AlembicCli;
import dev.runbook.alembic.AlembicException;
import dev.runbook.alembic.AlembicProject;
import dev.runbook.process.CommandResult;
import dev.runbook.process.CommandRunner;
import dev.runbook.process.CommandSpec;
import dev.runbook.process.RunningCommand;
import dev.runbook.sqlite.AlembicVersion;
import dev.runbook.sqlite.Databases;
import dev.runbook.sqlite.FileHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** alembic.*: the real alembic command over the process layer; the database is read directly. */
final class AlembicImplementations {

    private static final CommandRunner RUNNER = new CommandRunner();

    private AlembicImplementations() {
    }

    static Map<String, Action> all() {
        return Map.of("alembic.current", new Current(), "alembic.history", new History(),
                "alembic.downgrade", new AlembicMigrate(false), "alembic.upgrade", new AlembicMigrate(true));
    }

    static AlembicProject project(StepContext context) throws ActionException {
        Arguments args = context.args();
        try {
            return AlembicProject.locate(context.workDir().resolve(args.required("cwd")), args.required("config"),
                    args.string("db"));
        } catch (AlembicException e) {
            throw new ActionException(e.getMessage());
        }
    }

    /** Runs alembic with these arguments in the project's folder; output to the step's log. */
    static CommandResult alembic(StepContext context, AlembicProject project, String... args) throws ActionException {
        List<String> command = new ArrayList<>(context.args().strings("alembic"));
        if (command.get(0).contains("/")) {
            command.set(0, project.cwd().resolve(command.get(0)).toString());
        }
        CommandSpec spec = new CommandSpec(AlembicCli.argv(command, project, args), project.cwd(), Map.of(), null,
                null, null, context.logFile(), context.run().secrets());
        try {
            RunningCommand running = RUNNER.start(spec, context.run().commandsOf(context.stepId()));
            context.cancellation().onCancel(running::cancel);
            return running.await();
        } catch (IOException e) {
            throw new ActionException(e.getMessage() + " (is alembic installed? set 'alembic' to its path)", e);
        }
    }

    static String failure(String what, CommandResult result) {
        String stderr = result.stderr().strip();
        String last = stderr.isEmpty() ? "" : ": " + stderr.substring(stderr.lastIndexOf('\n') + 1);
        return what + " failed (" + (result.timedOut() ? "timed out" : result.interrupted() ? "interrupted"
                : "exit " + result.exitCode()) + ")" + last;
    }

    /** The revision recorded in the database, read directly; empty when the project names no database. */
    static Optional<Optional<String>> recorded(AlembicProject project) throws ActionException {
        if (project.db().isEmpty()) {
            return Optional.empty();
        }
        Path db = project.db().get();
        Optional<String> problem = FileHeader.problem(db);
        if (problem.isPresent()) {
            throw new ActionException("cannot read the Alembic revision: " + problem.get());
        }
        try {
            return Optional.of(AlembicVersion.read(db));
        } catch (SQLException e) {
            throw new ActionException(db + ": cannot read alembic_version: " + Databases.reason(e), e);
        }
    }

    /** alembic.current: what alembic says, checked against alembic_version when the database is known. */
    static final class Current implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            Outcome outcome = run(context);
            return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "at " + revisionText(outcome)
                    : "cannot tell now: " + outcome.message()), outcome.outputs());
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            AlembicProject project = project(context);
            CommandResult result = alembic(context, project, "current");
            Optional<String> revision = AlembicCli.current(result.stdout());
            Map<String, Object> outputs = Map.of("revision", revision.orElse(""));
            if (!result.ok()) {
                return Outcome.failed(failure("alembic current", result), outputs);
            }
            Optional<Optional<String>> recorded = recorded(project);
            if (recorded.isPresent() && !recorded.get().equals(revision)) {
                return Outcome.failed("alembic current says " + revision.orElse("base") + " but alembic_version in "
                        + project.db().get() + " holds " + recorded.get().orElse("nothing"), outputs);
            }
            return Outcome.ok(outputs);
        }

        private static String revisionText(Outcome outcome) {
            String revision = String.valueOf(outcome.outputs().get("revision"));
            return revision.isEmpty() ? "base (no revision)" : revision;
        }
    }

    /** alembic.history: the revisions alembic lists, newest first. */
    static final class History implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            Outcome outcome = run(context);
            return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "history of "
                    + ((List<?>) outcome.outputs().get("revisions")).size() + " revisions, head "
                    + outcome.outputs().get("head") : "cannot list now: " + outcome.message()), outcome.outputs());
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            CommandResult result = alembic(context, project(context), "history");
            List<String> revisions = AlembicCli.history(result.stdout());
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("revisions", revisions);
            outputs.put("head", revisions.isEmpty() ? "" : revisions.get(0));
            return result.ok() ? Outcome.ok(outputs) : Outcome.failed(failure("alembic history", result), outputs);
        }
    }
}
