package dev.runbook.action;

import dev.runbook.files.BackupChecker;
import dev.runbook.files.BackupIndex;
import dev.runbook.files.Entry;
import dev.runbook.files.EntryNames;
import dev.runbook.files.Escapes;
import dev.runbook.files.Refusal;
import dev.runbook.sqlite.IntegrityCheck;
import dev.runbook.values.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * backup.verify: the backup against its manifest and the runbook's expectations, and every SQLite
 * database in it through its integrity check, every problem reported. Read-only, so a dry run runs
 * it for real.
 */
final class BackupVerify implements Action {

    /** The 16 bytes every SQLite 3 database starts with. */
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The smallest page SQLite writes: a shorter file is no database. */
    private static final long MIN_DATABASE = 512;

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        List<String> effects = new ArrayList<>();
        effects.add(outcome.ok() ? "backup is sound: " + outcome.outputs().get("files") + " files, "
                + outcome.outputs().get("bytes") + " bytes checked" : outcome.message());
        effects.addAll(notes(outcome.outputs()));
        return new Preview(PreviewKind.PROBED, effects, outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path dir = FileImplementations.path(context, context.args().required("dir"));
        BackupChecker.Expectation expect = expectation(context.args().map("expect"));
        List<String> problems = new ArrayList<>();
        Map<String, Object> outputs = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        boolean checksums = checksums(context.args());
        outputs.put("files", 0);
        outputs.put("bytes", 0);
        outputs.put("manifest", "");
        outputs.put("checksums", checksums ? "verified" : BackupIndex.NOT_VERIFIED);
        outputs.put("databases", 0);
        try {
            BackupIndex index = BackupIndex.open(dir, manifest(context.args()), checksums);
            notes.add(index.describe());
            outputs.put("manifest", index.manifestName());
            BackupChecker.Report report = BackupChecker.check(dir, index);
            problems.addAll(report.problems());
            problems.addAll(BackupChecker.expectations(dir, report, expect));
            outputs.put("files", report.files());
            outputs.put("bytes", report.bytes());
            outputs.put("databases", databases(dir, report, context.args().required("integrity"), problems));
        } catch (Refusal e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            throw new ActionException("cannot check backup " + dir + ": " + e.getMessage(), e);
        }
        outputs.put("mismatches", problems.size());
        if (!checksums && notes.isEmpty()) {
            notes.add(BackupIndex.NOT_VERIFIED + " (checksums: none)");
        }
        outputs.put(Outcome.NOTES, notes);
        if (problems.isEmpty()) {
            return Outcome.ok(outputs);
        }
        return Outcome.failed("backup " + dir + " has " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + String.join("; ", problems) + (checksums ? "" : " (" + BackupIndex.NOT_VERIFIED + ")"), outputs);
    }

    /** The named checksum list; empty (left out, or "" as a runbook's param default) means find it. */
    static Optional<String> manifest(Arguments args) {
        return args.string("manifest").filter(name -> !name.isBlank());
    }

    /** checksums: none turns checksums off; the default, sha256, needs a checksum list. */
    static boolean checksums(Arguments args) {
        return !args.string("checksums").orElse("sha256").equals("none");
    }

    static List<String> notes(Map<String, Object> outputs) {
        return outputs.get(Outcome.NOTES) instanceof List<?> notes ? notes.stream().map(String::valueOf).toList() : List.of();
    }

    /**
     * The integrity check of every database in the backup: each listed file of the recorded size
     * that has an SQLite header (a snapshot of backup.create's sqlite:, or a hand-made backup's
     * tmws.db.backup). Opened immutable, so nothing is created beside it. Returns how many.
     */
    private static int databases(Path dir, BackupChecker.Report report, String integrity, List<String> problems)
            throws Refusal {
        if (integrity.equals("none")) {
            return 0;
        }
        int checked = 0;
        for (Entry entry : report.manifest().entries()) {
            Path file = EntryNames.resolve(dir, entry.name());
            if (!entry.isFile() || !looksLikeDatabase(file, entry)) {
                continue;
            }
            checked++;
            IntegrityCheck.Result result = IntegrityCheck.run(file, integrity.equals("quick")
                    ? IntegrityCheck.Mode.QUICK : IntegrityCheck.Mode.FULL, false, true);
            if (!result.ok()) {
                problems.add("integrity: " + Escapes.quote(entry.name()) + ": " + result.result());
            }
        }
        return checked;
    }

    private static boolean looksLikeDatabase(Path file, Entry entry) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) < MIN_DATABASE
                    || (entry.size() >= 0 && Files.size(file) != entry.size())) {
                return false; // absent, truncated or resized: already a problem of its own
            }
            try (InputStream in = Files.newInputStream(file)) {
                return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
            }
        } catch (IOException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static BackupChecker.Expectation expectation(Map<String, Object> expect) throws ActionException {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        Object rawSizes = expect.get("sizes");
        if (rawSizes instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> item : map.entrySet()) {
                Map<String, Object> range = item.getValue() instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
                sizes.put(String.valueOf(item.getKey()), new long[] {size(range.get("min"), 0), size(range.get("max"), Long.MAX_VALUE)});
            }
        }
        Object present = expect.get("present");
        List<String> names = present instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : present == null ? List.of() : List.of(String.valueOf(present));
        return new BackupChecker.Expectation(count(expect.get("min_files")), count(expect.get("expect_files")), names, sizes);
    }

    private static long size(Object value, long absent) throws ActionException {
        if (value == null) {
            return absent;
        }
        return Sizes.parse(String.valueOf(value)).orElseThrow(() -> new ActionException("expect.sizes: \"" + value
                + "\" is not a size (like 500KB or 2MiB)"));
    }

    private static Optional<Long> count(Object value) throws ActionException {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(String.valueOf(value).trim()));
        } catch (NumberFormatException e) {
            throw new ActionException("expect: \"" + value + "\" is not a number of files");
        }
    }
}
