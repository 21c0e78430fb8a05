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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the alembic.* actions share: their common parameters (one declaration, so every action
 * reads the same constant), the real alembic command over the process layer, and the database
 * read directly.
 */
final class AlembicSteps {

    static final Param<Path> CONFIG = Param.path("config", "The Alembic config file, relative to cwd.", "alembic.ini")
            .byDefault("alembic.ini");
    static final Param<Path> CWD = Param.path("cwd", "Where alembic runs (the project folder).",
            "\"{{ params.app_dir }}\"").byDefault(".");
    static final Param<Path> DB = Param.path("db", "The SQLite database, relative to cwd, read directly for previews "
            + "and verification (default: the config's sqlite:/// sqlalchemy.url).", "data/tmws.db");
    static final Param<List<String>> COMMAND = Param.argv("alembic", "The alembic command (a program in a virtualenv "
            + "is resolved against cwd).", "[.venv/bin/alembic]").byDefault("[alembic]");


    private static final CommandRunner RUNNER = new CommandRunner();

    private AlembicSteps() {
    }

    /** An action's own parameters, then the four every alembic action declares, in the docs' order. */
    static Param<?>[] withCommon(Param<?>... own) {
        List<Param<?>> all = new ArrayList<>(List.of(own));
        all.addAll(List.of(CONFIG, CWD, DB, COMMAND));
        return all.toArray(Param<?>[]::new);
    }

    /** A project that cannot be found or read is a refusal: nothing was run yet. */
    static AlembicProject project(StepContext context) throws ActionException {
        try {
            return AlembicProject.locate(context.path(CWD), context.get(CONFIG).toString(),
                    context.find(DB).map(Path::toString));
        } catch (AlembicException e) {
            throw ActionException.refused(e.getMessage());
        }
    }

    /** Runs alembic with these arguments in the project's folder; output to the step's log. */
    static CommandResult alembic(StepContext context, AlembicProject project, String... args) throws ActionException {
        List<String> command = new ArrayList<>(context.get(COMMAND));
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
}
