package dev.runbook.action;

import dev.runbook.files.BackupChecker;
import dev.runbook.files.BackupIndex;
import dev.runbook.files.Entry;
import dev.runbook.files.EntryNames;
import dev.runbook.files.Escapes;
import dev.runbook.files.Refusal;
import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
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
final class BackupVerify implements BuiltIn {

    static final ValueType SIZE_RANGE = new ValueType.Obj("size range", List.of(
            Field.optional("min", ValueType.SIZE, "Smallest acceptable size.", "500KB"),
            Field.optional("max", ValueType.SIZE, "Largest acceptable size.", "2MB")));

    static final ValueType EXPECTATIONS = new ValueType.Obj("expect", List.of(
            Field.optional("min_files", ValueType.INT, "At least this many files.", "20"),
            Field.optional("expect_files", ValueType.INT, "Exactly this many files.", "21"),
            Field.optional("present", ValueType.STRINGS, "Entries that must be in the backup.",
                    "[database/tmws.db.backup]"),
            Field.optional("sizes", new ValueType.MapOf(SIZE_RANGE), "Size ranges of named entries.",
                    "{ database/tmws.db.backup: { min: 500KB, max: 2MB } }")));

    static final Param<Path> DIR = Param.path("dir", "The backup folder.", "backups/pre-phase4").required();
    static final Param<String> MANIFEST = Param.string("manifest", BackupSteps.MANIFEST, "SHA256SUMS");
    static final Param<Object> EXPECT = Param.value("expect", EXPECTATIONS, "Counts and sizes the backup must have.",
            "{ min_files: 20 }");
    static final Param<String> INTEGRITY = Param.oneOf("integrity", List.of("none", "quick", "full"), "The check run "
            + "on every SQLite database in the backup (a listed file with an SQLite header), besides its checksum.",
            "quick").byDefault("full");

    static final Output<Long> FILES = Output.integer("files", "Files checked.");
    static final Output<Long> BYTES = Output.integer("bytes", "Bytes checked.");
    static final Output<Long> DATABASES = Output.integer("databases", "SQLite databases whose integrity was checked.");
    static final Output<Long> MISMATCHES = Output.integer("mismatches", "Problems found (0 when the backup is sound).");
    static final Output<List<String>> NOTES = Output.list(Outcome.NOTES, "Lines to read even on success: which "
            + "checksum list was used, or that checksums were not verified.");

    private static final ActionSpec SPEC = ActionSpec.define("backup.verify", "Check a backup against its manifest: "
                    + "every checksum, missing and extra files, expected counts and sizes, and the integrity of the "
                    + "SQLite databases in it. Reports every mismatch, not just the first.")
            .readOnly()
            .params(DIR, MANIFEST, BackupSteps.CHECKSUMS, EXPECT, INTEGRITY)
            .outputs(FILES, BYTES, DATABASES, MISMATCHES, BackupSteps.MANIFEST_USED, BackupSteps.CHECKSUMS_VERIFIED,
                    NOTES)
            .plan("verify backup {dir}[ against {manifest}][ (checksums: {checksums})]")
            .build();

    /** The 16 bytes every SQLite 3 database starts with. */
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The smallest page SQLite writes: a shorter file is no database. */
    private static final long MIN_DATABASE = 512;

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        List<String> effects = new ArrayList<>();
        effects.add(outcome.ok() ? "backup is sound: " + outcome.outputs().get(FILES.name()) + " files, "
                + outcome.outputs().get(BYTES.name()) + " bytes checked" : outcome.message());
        effects.addAll(notes(outcome.outputs()));
        return new Preview(PreviewKind.PROBED, effects, outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path dir = BackupSteps.path(context, DIR);
        BackupChecker.Expectation expect = expectation(context.find(EXPECT).filter(Map.class::isInstance)
                .map(BackupVerify::asMap).orElse(Map.of()));
        List<String> problems = new ArrayList<>();
        Outputs outputs = new Outputs();
        List<String> notes = new ArrayList<>();
        boolean checksums = BackupSteps.checksums(context);
        outputs.put(FILES, 0L).put(BYTES, 0L).put(BackupSteps.MANIFEST_USED, "")
                .put(BackupSteps.CHECKSUMS_VERIFIED, checksums ? "verified" : BackupIndex.NOT_VERIFIED)
                .put(DATABASES, 0L);
        try {
            BackupIndex index = BackupIndex.open(dir, BackupSteps.manifest(context, MANIFEST), checksums);
            notes.add(index.describe());
            outputs.put(BackupSteps.MANIFEST_USED, index.manifestName());
            BackupChecker.Report report = BackupChecker.check(dir, index);
            problems.addAll(report.problems());
            problems.addAll(BackupChecker.expectations(dir, report, expect));
            outputs.put(FILES, (long) report.files()).put(BYTES, (long) report.bytes())
                    .put(DATABASES, (long) databases(dir, report, context.get(INTEGRITY), problems));
        } catch (Refusal e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            // Read-only: whatever went wrong, nothing was changed.
            throw ActionException.refused("cannot check backup " + dir + ": " + e.getMessage(), e);
        }
        outputs.put(MISMATCHES, (long) problems.size());
        if (!checksums && notes.isEmpty()) {
            notes.add(BackupIndex.NOT_VERIFIED + " (checksums: none)");
        }
        outputs.put(NOTES, notes);
        if (problems.isEmpty()) {
            return Outcome.ok(outputs.map());
        }
        return Outcome.failed("backup " + dir + " has " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + String.join("; ", problems) + (checksums ? "" : " (" + BackupIndex.NOT_VERIFIED + ")"), outputs.map());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
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
        return Sizes.parse(String.valueOf(value)).orElseThrow(() -> ActionException.refused("expect.sizes: \"" + value
                + "\" is not a size (like 500KB or 2MiB)"));
    }

    private static Optional<Long> count(Object value) throws ActionException {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(String.valueOf(value).trim()));
        } catch (NumberFormatException e) {
            throw ActionException.refused("expect: \"" + value + "\" is not a number of files");
        }
    }
}
