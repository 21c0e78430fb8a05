package dev.runbook.action;

import dev.runbook.files.BackupWriter;
import dev.runbook.files.Entry;
import dev.runbook.files.EntryNames;
import dev.runbook.files.Manifest;
import dev.runbook.files.Refusal;
import dev.runbook.files.Selection;
import dev.runbook.sqlite.FileHeader;
import dev.runbook.spec.ValueType;
import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * backup.create: the selection copied into a new backup folder with its manifest, and SQLite
 * databases ({@code sqlite:}) as consistent online snapshots in the same folder and manifest. The
 * preview reads the real tree and says what would be copied and how much.
 */
final class BackupCreate implements BuiltIn {

    static final Param<List<String>> PATHS = Param.strings("paths", "Files, folders or globs, relative to root.",
            "[mcp_server, config.json, standards]").required();
    static final Param<Path> ROOT = Param.path("root", "The folder the paths are relative to.",
            "\"{{ params.app_dir }}\"").byDefault(".");
    static final Param<Path> TO = Param.path("to", "The folder that holds backups; a new one is made inside.",
            ".praxis-os/.backups").required();
    static final Param<String> NAME = Param.string("name", "Name of the new backup (default: YYYY-MM-DD-HHMMSS).",
            "pre-phase4");
    static final Param<List<String>> EXCLUDE = Param.strings("exclude", "Globs to leave out.",
            "[\"**/__pycache__/**\"]");
    static final Param<Map<String, Object>> COMMANDS = Param.map("commands", ValueType.ARGV, "Commands whose output "
            + "is saved into the backup (and its manifest) under the given file name.",
            "{ requirements-snapshot.txt: [pip, freeze] }");
    static final Param<List<String>> SQLITE = Param.strings("sqlite", "SQLite databases, relative to root, saved as "
            + "consistent online snapshots (SQLite's backup API, while the service may write) under the same name, in "
            + "the same manifest; their -wal, -shm and -journal files are left out of paths.", "[data/tmws.db]");

    static final Output<Path> PATH = Output.path("path", "The new backup folder.");
    static final Output<Long> FILES = Output.integer("files", "Files copied.");
    static final Output<Long> BYTES = Output.integer("bytes", "Bytes copied.");

    private static final ActionSpec SPEC = ActionSpec.define("backup.create", "Copy paths into a new timestamped "
                    + "backup folder (never overwriting one) with a sha256sum-compatible manifest, metadata and a "
                    + "human summary.")
            .params(PATHS, ROOT, TO, NAME, EXCLUDE, COMMANDS, SQLITE)
            .outputs(PATH, FILES, BYTES, BackupSteps.METADATA_NOT_KEPT)
            .plan("back up {paths} from {root} into {to}[, databases {sqlite} as snapshots][, with the output of "
                    + "{commands}]")
            .reads(PreviewReads.BACKUP_SOURCES)
            .build();

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss");

    /** What is read from the step, once. */
    private record Request(List<String> paths, List<String> exclude, List<String> sqlite,
                           Map<String, Object> commands) {
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Request args = request(context);
        Path root = BackupSteps.path(context, ROOT);
        Path dir = BackupSteps.path(context, TO);
        String name = name(context);
        return BackupSteps.before("cannot back up " + root, () -> {
            Path target = BackupWriter.destination(dir, name);
            List<String> databases = databases(args, root);
            Selection selection = selection(args, root, databases);
            List<String> effects = new ArrayList<>();
            effects.add("would copy " + selection.files() + " files (" + Sizes.human(selection.bytes()) + ") from "
                    + root + " into " + target);
            for (String selected : selection.roots()) {
                long files = selection.entries().stream().filter(Entry::isFile)
                        .filter(e -> e.name().equals(selected) || e.name().startsWith(selected + "/")).count();
                long bytes = selection.entries().stream().filter(Entry::isFile)
                        .filter(e -> e.name().equals(selected) || e.name().startsWith(selected + "/"))
                        .mapToLong(Entry::size).sum();
                effects.add("  " + selected + ": " + files + " files, " + Sizes.human(bytes));
            }
            for (String database : databases) {
                effects.add("would take a consistent snapshot of database " + database + " ("
                        + Sizes.human(java.nio.file.Files.size(root.resolve(database))) + ") with SQLite's online "
                        + "backup API, not a copy of its file");
            }
            args.commands().forEach((file, command) -> effects.add("would save the output of " + command
                    + " as " + file));
            effects.add("would write " + Manifest.SUMS + ", " + Manifest.METADATA + " and " + Manifest.SUMMARY);
            context.run().simulated().wouldCreate(context.stepId(), target); // a later restore may read it
            return new Preview(PreviewKind.SIMULATED, effects,
                    outputs(target, selection.files(), selection.bytes()).map());
        });
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Request args = request(context);
        Path root = BackupSteps.path(context, ROOT);
        Path dir = BackupSteps.path(context, TO);
        String name = name(context);
        // BackupWriter refuses before writing and removes a partial folder, so its refusals change nothing.
        return BackupSteps.changing("cannot back up " + root, true, () -> {
            List<String> databases = databases(args, root);
            Map<String, BackupWriter.Producer> produced = new LinkedHashMap<>();
            for (String database : databases) {
                produced.put(database, out -> SqliteSnapshot.write(root.resolve(database), out));
            }
            for (Map.Entry<String, Object> command : args.commands().entrySet()) {
                if (produced.containsKey(command.getKey())) {
                    throw new Refusal("commands: " + command.getKey() + " is also a database of sqlite:");
                }
                produced.put(command.getKey(), out -> save(command.getValue(), root, out, context));
            }
            Selection selection = selection(args, root, databases);
            BackupWriter.Written written = BackupWriter.writeReporting(root, selection, dir, name, produced);
            Manifest manifest = written.manifest();
            long files = manifest.entries().stream().filter(Entry::isFile).count();
            long bytes = manifest.entries().stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
            return Outcome.ok(outputs(dir.resolve(name), files, bytes)
                    .put(BackupSteps.METADATA_NOT_KEPT, written.notKept()).map());
        });
    }

    /** sqlite: entries, relative to root like paths:, each an existing database file. */
    private static List<String> databases(Request args, Path root) throws Refusal {
        List<String> names = new ArrayList<>();
        for (String given : args.sqlite()) {
            String name = EntryNames.check(given.endsWith("/") ? given.substring(0, given.length() - 1) : given);
            java.util.Optional<String> problem = FileHeader.problem(EntryNames.resolve(root, name));
            if (problem.isPresent()) {
                throw new Refusal("sqlite: " + problem.get());
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * paths: less the databases and their -wal, -shm and -journal files, whose bytes a live writer may
     * be changing (the snapshot stands for them); a database outside every selected path becomes a
     * root of its own, so a restore of the whole backup puts it back too.
     */
    private static Selection selection(Request args, Path root, List<String> databases)
            throws java.io.IOException, Refusal {
        List<String> excludes = new ArrayList<>(args.exclude());
        for (String database : databases) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                excludes.add(literalGlob(database + suffix));
            }
        }
        Selection files = Selection.of(root, args.paths(), excludes);
        List<String> roots = new ArrayList<>(files.roots());
        databases.stream().filter(d -> roots.stream().noneMatch(r -> d.equals(r) || d.startsWith(r + "/")))
                .forEach(roots::add);
        return new Selection(roots, files.entries());
    }

    /** A glob that matches exactly this name, whatever characters it holds. */
    private static String literalGlob(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{},])", "\\\\$1");
    }

    private static Request request(StepContext context) throws ActionException {
        return new Request(context.get(PATHS), context.find(EXCLUDE).orElse(List.of()),
                context.find(SQLITE).orElse(List.of()), context.find(COMMANDS).orElse(Map.of()));
    }

    private static String name(StepContext context) throws ActionException {
        return context.find(NAME).orElseGet(() -> LocalDateTime.now().format(TIMESTAMP));
    }

    private static Outputs outputs(Path path, long files, long bytes) {
        return new Outputs().put(PATH, path).put(FILES, files).put(BYTES, bytes);
    }

    /** A command's standard output into the backup; its standard error into the step's log. */
    private static void save(Object command, Path root, Path out, StepContext context) throws IOException {
        List<String> argv = command instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(command));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(root.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (context.logFile() != null) {
            java.nio.file.Files.createDirectories(context.logFile().toAbsolutePath().getParent());
            builder.redirectError(ProcessBuilder.Redirect.appendTo(context.logFile().toFile()));
        }
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IOException(String.join(" ", argv) + " exited with " + exit + " (its output is not saved)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while running " + String.join(" ", argv));
        }
    }
}
