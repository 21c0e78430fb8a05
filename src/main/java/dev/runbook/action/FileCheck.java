package dev.runbook.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * file.check: a file or folder against expectations (exists or not, size range, file counts, text
 * it contains). Every unmet expectation is reported, not just the first, so one failed check
 * tells the whole story.
 */
final class FileCheck implements Action {

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "holds now: " + describe(outcome)
                : "check fails now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Arguments args = context.args();
        Path path = context.workDir().resolve(args.required("path")).normalize();
        boolean exists = Files.exists(path);
        Optional<Boolean> mustExist = args.has("exists") ? Optional.of(args.bool("exists")) : Optional.empty();
        boolean impliesExists = args.has("min_size") || args.has("max_size") || args.has("files")
                || args.has("min_files") || args.has("contains");
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("exists", exists);
        outputs.put("size", 0L);
        outputs.put("files", 0L);
        if (!exists) {
            boolean fine = mustExist.map(m -> !m).orElse(!impliesExists);
            return fine ? Outcome.ok(outputs) : Outcome.failed(path + " does not exist", outputs);
        }
        if (mustExist.isPresent() && !mustExist.get()) {
            return Outcome.failed(path + " exists, expected it not to", outputs);
        }
        try {
            return check(path, args, outputs);
        } catch (IOException e) {
            throw new ActionException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Outcome check(Path path, Arguments args, Map<String, Object> outputs)
            throws IOException, ActionException {
        List<String> problems = new ArrayList<>();
        boolean folder = Files.isDirectory(path);
        long size = folder ? 0 : Files.size(path);
        outputs.put("size", size);
        if (folder) {
            outputs.put("files", direct(path));
        }
        Optional<Long> min = args.size("min_size");
        Optional<Long> max = args.size("max_size");
        if ((min.isPresent() || max.isPresent() || args.has("contains")) && folder) {
            problems.add("is a folder, expected a file");
        } else {
            min.filter(m -> size < m).ifPresent(m -> problems.add("is " + size + " bytes, smaller than " + m));
            max.filter(m -> size > m).ifPresent(m -> problems.add("is " + size + " bytes, larger than " + m));
            Optional<String> text = args.string("contains");
            if (text.isPresent() && !contains(path, text.get())) {
                problems.add("does not contain \"" + text.get() + "\"");
            }
        }
        if ((args.has("files") || args.has("min_files")) && !folder) {
            problems.add("is a file, expected a folder");
        } else if (folder) {
            long direct = (Long) outputs.get("files");
            args.integer("files").filter(n -> direct != n).ifPresent(n -> problems.add("holds " + direct
                    + " files, expected " + n));
            Optional<Long> minFiles = args.integer("min_files");
            if (minFiles.isPresent()) {
                long all = InspectImplementations.Tally.of(path).files();
                if (all < minFiles.get()) {
                    problems.add("holds " + all + " files in all, expected at least " + minFiles.get());
                }
            }
        }
        return problems.isEmpty() ? Outcome.ok(outputs) : Outcome.failed(path + " " + String.join("; ", problems),
                outputs);
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
        if (!(Boolean) o.get("exists")) {
            return "does not exist";
        }
        return (Long) o.get("files") > 0 ? o.get("files") + " files" : o.get("size") + " bytes";
    }
}
