package dev.runbook.action;

import dev.runbook.files.BackupWriter;
import dev.runbook.files.Entry;
import dev.runbook.files.Manifest;
import dev.runbook.files.Selection;
import dev.runbook.files.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * backup.create: the selection copied into a new backup folder with its manifest. The preview
 * reads the real tree and says what would be copied and how much.
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
            Selection selection = Selection.of(root, args.strings("paths"), args.strings("exclude"));
            List<String> effects = new ArrayList<>();
            effects.add("would copy " + selection.files() + " files (" + Summary.human(selection.bytes()) + ") from "
                    + root + " into " + target);
            for (String selected : selection.roots()) {
                long files = selection.entries().stream().filter(Entry::isFile)
                        .filter(e -> e.name().equals(selected) || e.name().startsWith(selected + "/")).count();
                long bytes = selection.entries().stream().filter(Entry::isFile)
                        .filter(e -> e.name().equals(selected) || e.name().startsWith(selected + "/"))
                        .mapToLong(Entry::size).sum();
                effects.add("  " + selected + ": " + files + " files, " + Summary.human(bytes));
            }
            args.map("commands").forEach((file, command) -> effects.add("would save the output of " + command
                    + " as " + file));
            effects.add("would write " + Manifest.SUMS + ", " + Manifest.METADATA + " and " + Manifest.SUMMARY);
            return new Preview(PreviewKind.SIMULATED, effects, outputs(target, selection.files(), selection.bytes()));
        });
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Arguments args = context.args();
        Path root = FileImplementations.path(context, args.required("root"));
        Path dir = FileImplementations.path(context, args.required("to"));
        String name = name(args);
        Map<String, BackupWriter.Producer> produced = new LinkedHashMap<>();
        args.map("commands").forEach((file, command) -> produced.put(file, out -> save(command, root, out, context)));
        return FileImplementations.refusing("cannot back up " + root, () -> {
            Selection selection = Selection.of(root, args.strings("paths"), args.strings("exclude"));
            BackupWriter.Written written = BackupWriter.writeReporting(root, selection, dir, name, produced);
            Manifest manifest = written.manifest();
            long files = manifest.entries().stream().filter(Entry::isFile).count();
            long bytes = manifest.entries().stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
            Map<String, Object> outputs = outputs(dir.resolve(name), files, bytes);
            outputs.put("metadata_not_kept", written.notKept());
            return Outcome.ok(outputs);
        });
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
