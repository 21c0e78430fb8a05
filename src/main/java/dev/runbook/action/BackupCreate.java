package dev.runbook.action;

import dev.runbook.files.BackupWriter;
import dev.runbook.files.Entry;
import dev.runbook.files.EntryNames;
import dev.runbook.files.Manifest;
import dev.runbook.files.Refusal;
import dev.runbook.files.Selection;
import dev.runbook.sqlite.FileHeader;
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
final class BackupCreate implements Action {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss");

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Arguments args = context.args();
        Path root = FileImplementations.path(context, args.required("root"));
        Path dir = FileImplementations.path(context, args.required("to"));
        String name = name(args);
        return FileImplementations.refusing("cannot back up " + root, () -> {
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
            args.map("commands").forEach((file, command) -> effects.add("would save the output of " + command
                    + " as " + file));
            effects.add("would write " + Manifest.SUMS + ", " + Manifest.METADATA + " and " + Manifest.SUMMARY);
            context.run().simulated().wouldCreate(context.stepId(), target); // a later restore may read it
            return new Preview(PreviewKind.SIMULATED, effects, outputs(target, selection.files(), selection.bytes()));
        });
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Arguments args = context.args();
        Path root = FileImplementations.path(context, args.required("root"));
        Path dir = FileImplementations.path(context, args.required("to"));
        String name = name(args);
        return FileImplementations.refusing("cannot back up " + root, () -> {
            List<String> databases = databases(args, root);
            Map<String, BackupWriter.Producer> produced = new LinkedHashMap<>();
            for (String database : databases) {
                produced.put(database, out -> SqliteSnapshot.write(root.resolve(database), out));
            }
            for (Map.Entry<String, Object> command : args.map("commands").entrySet()) {
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
            Map<String, Object> outputs = outputs(dir.resolve(name), files, bytes);
            outputs.put("metadata_not_kept", written.notKept());
            return Outcome.ok(outputs);
        });
    }

    /** sqlite: entries, relative to root like paths:, each an existing database file. */
    private static List<String> databases(Arguments args, Path root) throws Refusal {
        List<String> names = new ArrayList<>();
        for (String given : args.strings("sqlite")) {
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
    private static Selection selection(Arguments args, Path root, List<String> databases)
            throws java.io.IOException, Refusal {
        List<String> excludes = new ArrayList<>(args.strings("exclude"));
        for (String database : databases) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                excludes.add(literalGlob(database + suffix));
            }
        }
        Selection files = Selection.of(root, args.strings("paths"), excludes);
        List<String> roots = new ArrayList<>(files.roots());
        databases.stream().filter(d -> roots.stream().noneMatch(r -> d.equals(r) || d.startsWith(r + "/")))
                .forEach(roots::add);
        return new Selection(roots, files.entries());
    }

    /** A glob that matches exactly this name, whatever characters it holds. */
    private static String literalGlob(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{},])", "\\\\$1");
    }

    private static String name(Arguments args) {
        return args.string("name").orElseGet(() -> LocalDateTime.now().format(NAME));
    }

    private static Map<String, Object> outputs(Path path, long files, long bytes) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("path", path.toString());
        outputs.put("files", files);
        outputs.put("bytes", bytes);
        return outputs;
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
