package dev.runbook.saved;

import dev.runbook.action.ActionSpec;
import dev.runbook.alembic.AlembicException;
import dev.runbook.alembic.AlembicProject;
import dev.runbook.action.Arguments;
import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a step's preview reads, from what its action declares ({@link PreviewReads}) and its rendered
 * arguments: git actions their repository; {@code process.stop} the processes it matches (and its
 * pidfile); the Alembic actions their database, config and migration scripts; {@code backup.create}
 * what it would copy; every other action the paths it is given. Not read, so not fingerprinted:
 * commands, free space, what forensics and reports copy or write, and a path that is only known
 * once an earlier step has run.
 */
final class Reads {

    /** Arguments that name where something is written or kept aside, never read by the preview beyond "is it there". */
    private static final Set<String> PLACES = Set.of("keep_current_as");

    private Reads() {
    }

    static List<Subject> of(ActionSpec spec, Arguments args, Path workDir) {
        List<Subject> subjects = new ArrayList<>();
        switch (spec.reads()) {
            case NOTHING -> { }
            case GIT_REPOSITORY -> path(args, "repo", workDir).ifPresent(repo -> subjects.add(Subject.git(repo)));
            case PROCESSES -> {
                subjects.add(Subject.processes(args.inspect("match").map(Reads::strings).orElse(List.of()),
                        path(args, "cwd_under", workDir), path(args, "exe", workDir),
                        args.inspect("user").map(String::valueOf),
                        args.inspect("port").map(String::valueOf).map(p -> Integer.valueOf(p.trim()))));
                path(args, "pidfile", workDir).ifPresent(p -> subjects.add(Subject.path(p)));
            }
            case BACKUP_SOURCES -> backupSources(args, workDir, subjects);
            case ALEMBIC_PROJECT -> alembic(args, workDir, subjects);
            case PATH_PARAMS -> pathParams(spec, args, workDir, subjects);
        }
        return subjects;
    }

    private static void backupSources(Arguments args, Path workDir, List<Subject> subjects) {
        Path root = path(args, "root", workDir).orElse(workDir);
        for (String name : List.of("paths", "sqlite")) {
            args.inspect(name).map(Reads::strings).orElse(List.of()).stream().filter(Reads::known)
                    .filter(p -> !p.contains("*") && !p.contains("?") && !p.contains("["))
                    .forEach(p -> subjects.add(Subject.path(root.resolve(p))));
        }
        path(args, "to", workDir).ifPresent(p -> subjects.add(Subject.path(p)));
    }

    private static void pathParams(ActionSpec spec, Arguments args, Path workDir, List<Subject> subjects) {
        for (Field field : spec.params()) {
            if (PLACES.contains(field.name())) {
                continue;
            }
            if (field.type().equals(ValueType.PATH)) {
                path(args, field.name(), workDir).ifPresent(p -> subjects.add(Subject.path(p)));
            } else if (field.type().equals(ValueType.PATHS)) {
                args.inspect(field.name()).map(Reads::strings).orElse(List.of()).stream().filter(Reads::known)
                        .forEach(p -> subjects.add(Subject.path(workDir.resolve(p))));
            }
        }
    }

    /** The database, the config and the migration scripts' folders, as Alembic finds them from the config. */
    private static void alembic(Arguments args, Path workDir, List<Subject> subjects) {
        Path cwd = path(args, "cwd", workDir).orElse(workDir);
        Optional<Path> db = path(args, "db", cwd);
        try {
            AlembicProject project = AlembicProject.locate(cwd, args.inspect("config").map(String::valueOf).orElse("alembic.ini"),
                    db.map(Path::toString));
            project.db().ifPresent(p -> subjects.add(Subject.path(p)));
            subjects.add(Subject.path(project.config()));
            project.versions().forEach(folder -> subjects.add(Subject.path(folder)));
        } catch (AlembicException e) {
            // The preview says what is wrong with the project; what it names is still looked at.
            db.ifPresent(p -> subjects.add(Subject.path(p)));
            path(args, "config", cwd).ifPresent(p -> subjects.add(Subject.path(p)));
        }
    }

    private static Optional<Path> path(Arguments args, String name, Path base) {
        return args.inspect(name).map(String::valueOf).filter(s -> !s.isBlank()).filter(Reads::known).map(s -> base.resolve(s));
    }

    /** A dry run renders an output only known once its step has run as a placeholder, which names no real path. */
    private static boolean known(String text) {
        return !text.contains(dev.runbook.engine.StepGuard.UNKNOWN_OUTPUT);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
