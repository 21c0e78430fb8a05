package dev.runbook.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * file.check: a file or folder against expectations (exists or not, size range, file counts, text
 * it contains). Every unmet expectation is reported, not just the first, so one failed check
 * tells the whole story.
 */
final class FileCheck implements BuiltIn {

    static final Param<Path> PATH = Param.path("path", "The file or folder.", "migrations/versions").required();
    static final Param<Boolean> EXISTS = Param.bool("exists", "Must exist (true) or must not (false). Left out, the "
            + "check only reports, unless another expectation implies the path exists.", "false");
    static final Param<Long> MIN_SIZE = Param.size("min_size", "Smallest acceptable size of a file.", "500KB");
    static final Param<Long> MAX_SIZE = Param.size("max_size", "Largest acceptable size of a file.", "2MB");
    static final Param<Long> FILES = Param.integer("files", "A folder holds exactly this many files (not counting "
            + "subfolders).", "12");
    static final Param<Long> MIN_FILES = Param.integer("min_files", "A folder holds at least this many files, at any "
            + "depth.", "20");
    static final Param<String> CONTAINS = Param.string("contains", "Text the file must contain.",
            "\"{{ params.version }}\"");

    static final Output<Boolean> EXISTS_NOW = Output.bool("exists", "Whether the path exists.");
    static final Output<Long> SIZE = Output.integer("size", "Size of the file (0 for a folder).");
    static final Output<Long> FILES_NOW = Output.integer("files", "Files in the folder (0 for a file).");

    private static final ActionSpec SPEC = ActionSpec.define("file.check", "Check a file or folder: that it exists "
                    + "(or not), its size, how many files a folder holds, or text a file contains.")
            .readOnly()
            .params(PATH, EXISTS, MIN_SIZE, MAX_SIZE, FILES, MIN_FILES, CONTAINS)
            .outputs(EXISTS_NOW, SIZE, FILES_NOW)
            .plan("check {path}[ exists: {exists}][ holds {files} files][ holds at least {min_files} files][ is at "
                    + "least {min_size}][ is at most {max_size}][ contains {contains}]")
            .build();

    /** The expectations the step gives (each empty when it does not). */
    private record Expected(Optional<Long> minSize, Optional<Long> maxSize, Optional<Long> files,
                            Optional<Long> minFiles, Optional<String> contains) {

        boolean impliesExists() {
            return minSize.isPresent() || maxSize.isPresent() || files.isPresent() || minFiles.isPresent()
                    || contains.isPresent();
        }
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "holds now: " + describe(outcome)
                : "check fails now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path path = context.path(PATH).normalize();
        boolean exists = Files.exists(path);
        Optional<Boolean> mustExist = context.find(EXISTS);
        Expected expected = new Expected(context.find(MIN_SIZE), context.find(MAX_SIZE), context.find(FILES),
                context.find(MIN_FILES), context.find(CONTAINS));
        Outputs outputs = new Outputs().put(EXISTS_NOW, exists).put(SIZE, 0L).put(FILES_NOW, 0L);
        if (!exists) {
            boolean fine = mustExist.map(m -> !m).orElse(!expected.impliesExists());
            return fine ? Outcome.ok(outputs.map()) : Outcome.failed(path + " does not exist", outputs.map());
        }
        if (mustExist.isPresent() && !mustExist.get()) {
            return Outcome.failed(path + " exists, expected it not to", outputs.map());
        }
        try {
            return check(path, expected, outputs);
        } catch (IOException e) {
            // Read-only: nothing was changed.
            throw ActionException.refused("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Outcome check(Path path, Expected expected, Outputs outputs) throws IOException {
        List<String> problems = new ArrayList<>();
        boolean folder = Files.isDirectory(path);
        long size = folder ? 0 : Files.size(path);
        long direct = folder ? direct(path) : 0;
        outputs.put(SIZE, size).put(FILES_NOW, direct);
        Optional<Long> min = expected.minSize();
        Optional<Long> max = expected.maxSize();
        if ((min.isPresent() || max.isPresent() || expected.contains().isPresent()) && folder) {
            problems.add("is a folder, expected a file");
        } else {
            min.filter(m -> size < m).ifPresent(m -> problems.add("is " + size + " bytes, smaller than " + m));
            max.filter(m -> size > m).ifPresent(m -> problems.add("is " + size + " bytes, larger than " + m));
            Optional<String> text = expected.contains();
            if (text.isPresent() && !contains(path, text.get())) {
                problems.add("does not contain \"" + text.get() + "\"");
            }
        }
        if ((expected.files().isPresent() || expected.minFiles().isPresent()) && !folder) {
            problems.add("is a file, expected a folder");
        } else if (folder) {
            expected.files().filter(n -> direct != n).ifPresent(n -> problems.add("holds " + direct
                    + " files, expected " + n));
            Optional<Long> minFiles = expected.minFiles();
            if (minFiles.isPresent()) {
                long all = Tally.of(path).files();
                if (all < minFiles.get()) {
                    problems.add("holds " + all + " files in all, expected at least " + minFiles.get());
                }
            }
        }
        return problems.isEmpty() ? Outcome.ok(outputs.map()) : Outcome.failed(path + " " + String.join("; ", problems),
                outputs.map());
    }

    /** Files directly in the folder, not counting subfolders (symlinks to files count). */
    private static long direct(Path folder) throws IOException {
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (!Files.isDirectory(entry)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Byte search, so a binary file or one in another encoding is not an error. */
    private static boolean contains(Path file, String text) throws IOException {
        byte[] content = Files.readAllBytes(file);
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + wanted.length <= content.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (content[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String describe(Outcome outcome) {
        Map<String, Object> o = outcome.outputs();
        if (!(Boolean) o.get(EXISTS_NOW.name())) {
            return "does not exist";
        }
        return (Long) o.get(FILES_NOW.name()) > 0 ? o.get(FILES_NOW.name()) + " files" : o.get(SIZE.name()) + " bytes";
    }
}
