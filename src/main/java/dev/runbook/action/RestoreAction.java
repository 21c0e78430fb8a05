package dev.runbook.action;

import dev.runbook.files.BackupIndex;
import dev.runbook.files.BackupSource;
import dev.runbook.files.Change;
import dev.runbook.files.EntryNames;
import dev.runbook.files.Escapes;
import dev.runbook.files.Keeping;
import dev.runbook.files.Manifest;
import dev.runbook.files.Refusal;
import dev.runbook.files.RestorePlanner;
import dev.runbook.files.RestoreUnit;
import dev.runbook.files.Restorer;
import dev.runbook.files.Reuse;
import dev.runbook.files.TextDiff;
import dev.runbook.files.Trees;
import dev.runbook.files.UnitPlan;
import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * backup.restore (entries of a backup back into a target root) and file.restore (one file or folder
 * from a path): planned from the real state, staged and swapped atomically by {@link Restorer}.
 * The preview shows the plan per file, with diffs of small text files, and makes the same checks
 * as a run (manifest, names, filesystem, space), so a dry run reveals a restore that would refuse.
 */
final class RestoreAction implements Action {

    private static final int UNCHANGED_SHOWN = 20;

    private final boolean fromBackup;

    RestoreAction(boolean fromBackup) {
        this.fromBackup = fromBackup;
    }

    /** How many preserved names the outputs and notes list (all are counted). */
    private static final int PRESERVED_LISTED = 50;

    /**
     * The units, where the restore stages, the folder where replaced content is kept, what stays in
     * place, and how the backup's content is known (null for file.restore).
     */
    private record Setup(List<RestoreUnit> units, Path txDir, Path keptAs, Predicate<String> preserved,
                         Predicate<String> keepExtra, BackupIndex index) {
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        SimulatedState simulated = context.run().simulated();
        Path from = FileImplementations.path(context, context.args().required("from"));
        Path to = FileImplementations.path(context, context.args().required("to"));
        java.util.Optional<String> maker = simulated.createdBy(from);
        if (maker.isPresent() && !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            simulated.wouldChange(context.stepId(), to);
            return new Preview(PreviewKind.SIMULATED, List.of("cannot preview the files: " + from + " does not exist "
                    + "yet; step '" + maker.get() + "' would make it"), Map.of());
        }
        List<String> before = new ArrayList<>();
        simulated.movedBy(to).or(() -> simulated.changedBy(to)).ifPresent(step -> before.add("the plan below is "
                + "against " + to + " as it is now; step '" + step + "' would change it first, so what this restore "
                + "would replace there cannot be known until then"));
        Preview preview = previewNow(context);
        simulated.wouldChange(context.stepId(), to);
        Object keptAs = preview.outputs().get("kept_as");
        if (keptAs != null && !String.valueOf(keptAs).isEmpty()) {
            simulated.wouldCreate(context.stepId(), Path.of(String.valueOf(keptAs)));
        }
        before.addAll(preview.effects());
        return new Preview(preview.kind(), before, preview.outputs(), preview.refuses());
    }

    private Preview previewNow(StepContext context) throws ActionException {
        return FileImplementations.refusing("cannot restore", () -> {
            Setup setup = setup(context);
            List<UnitPlan> plans = plan(setup, context);
            List<String> effects = new ArrayList<>();
            java.util.Optional<String> live = Restorer.liveOwner(setup.txDir());
            if (live.isPresent()) {
                throw new Refusal(live.get());
            }
            if (Files.exists(setup.txDir(), LinkOption.NOFOLLOW_LINKS)) {
                effects.add("would first complete or discard the interrupted restore staged in " + setup.txDir());
            }
            if (fromBackup && setup.index().checksumsVerified()) {
                List<String> bad = BackupSource.checksumProblems(setup.units());
                if (!bad.isEmpty()) {
                    throw new Refusal("backup " + context.args().required("from") + " does not match its manifest ("
                            + bad.size() + " problems: " + String.join("; ", bad) + "); nothing would be restored");
                }
            }
            Restorer restorer = new Restorer(setup.txDir(), reuse(context));
            restorer.check(plans);
            int unchangedShown = 0;
            for (UnitPlan plan : plans) {
                for (Change change : plan.changes()) {
                    if (change.kind() == Change.Kind.UNCHANGED && unchangedShown++ >= UNCHANGED_SHOWN) {
                        continue;
                    }
                    effects.add("would " + change.describe());
                    if (change.kind() == Change.Kind.REPLACED) {
                        diff(plan.unit(), change).forEach(line -> effects.add("    " + line));
                    }
                }
            }
            if (unchangedShown > UNCHANGED_SHOWN) {
                effects.add("... and " + (unchangedShown - UNCHANGED_SHOWN) + " more unchanged files");
            }
            boolean changes = plans.stream().anyMatch(UnitPlan::changesSomething);
            Restorer.Linked linkable = restorer.linkable(plans);
            if (linkable.files() > 0) {
                effects.add("would hard-link " + linkable.files() + (linkable.files() == 1 ? " file (" : " files (")
                        + Sizes.human(linkable.bytes())
                        + ") already on disk with the same name, size, mtime and mode instead of copying them, "
                        + "each only if its checksum matches");
            }
            effects.add(changes ? "would keep the current content in " + setup.keptAs() : "nothing to restore: the target "
                    + "already matches");
            Map<String, Object> outputs = outputs(setup, plans, changes ? setup.keptAs() : null, linkable);
            effects.addAll(BackupVerify.notes(outputs));
            return new Preview(PreviewKind.SIMULATED, effects, outputs);
        });
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        return FileImplementations.refusing("cannot restore", () -> {
            Setup setup = setup(context);
            Restorer.recover(setup.txDir(), context.run().restoreHooks());
            List<UnitPlan> plans = plan(setup, context);
            // What earlier restores of this run moved aside may hold the very bytes; what this one moves
            // aside may serve a later one (a rollback's restore after an upgrade's).
            Restorer.Result result = new Restorer(setup.txDir(), reuse(context), context.run().restoreHooks())
                    .apply(plans);
            if (!result.kept().isEmpty()) {
                context.run().keptAside().add(setup.keptAs());
            }
            Map<String, Object> outputs = outputs(setup, plans, result.kept().isEmpty() ? null : setup.keptAs(),
                    result.linked());
            outputs.put("metadata_not_kept", result.notKept());
            if (!result.notKept().isEmpty()) {
                // Read even on success: the reports show notes.
                List<String> notes = new ArrayList<>(castNotes(outputs.get(Outcome.NOTES)));
                notes.add("could not keep owner, mode or hard links of " + result.notKept().size() + " entr"
                        + (result.notKept().size() == 1 ? "y" : "ies") + " (see metadata_not_kept): "
                        + result.notKept().get(0));
                outputs.put(Outcome.NOTES, notes);
            }
            return Outcome.ok(outputs);
        });
    }

    /** reuse: true links files already on disk (see docs/FILES.md, Reuse); the default copies every file. */
    private static Reuse reuse(StepContext context) throws ActionException {
        return context.args().bool("reuse") ? Reuse.of(context.run().keptAside()) : Reuse.none();
    }

    private Setup setup(StepContext context) throws IOException, Refusal, ActionException {
        Arguments args = context.args();
        Path from = FileImplementations.path(context, args.required("from"));
        Path to = FileImplementations.path(context, args.required("to"));
        Path keptAs = args.string("keep_current_as").map(k -> FileImplementations.path(context, k))
                .orElseGet(() -> Keeping.unused(context.run().forensicsDir(), context.stepFileName()));
        if (args.has("keep_current_as") && Files.exists(keptAs, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refusal("keep_current_as " + keptAs + " already exists; it is never overwritten");
        }
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refusal("nothing to restore from: " + from + " does not exist");
        }
        if (fromBackup) {
            BackupIndex.Located located = BackupIndex.locate(from, BackupVerify.manifest(args), BackupVerify.checksums(args));
            BackupIndex index = located.index();
            Path backup = located.backup();
            String prefix = located.prefix();
            Manifest manifest = index.manifest();
            List<String> roots = args.has("paths") ? args.strings("paths") : defaultRoots(manifest, prefix);
            List<RestoreUnit> units = BackupSource.units(backup, manifest, prefix, roots, to, keptAs::resolve);
            return new Setup(units, to.resolve(EntryNames.STAGING), keptAs,
                    RestorePlanner.globs(args.strings("preserve")), RestorePlanner.globs(args.strings("keep_extra")), index);
        }
        EntryNames.refuseLinkedParents(to, context.workDir());
        String name = to.getFileName().toString();
        Map<String, dev.runbook.files.Entry> entries = new LinkedHashMap<>();
        Trees.scan(from, "", n -> false).forEach(e -> entries.put(e.name(), e));
        Path keep = args.has("keep_current_as") ? keptAs : keptAs.resolve(name);
        Predicate<String> globs = RestorePlanner.globs(args.strings("preserve"));
        // Preserve globs of file.restore are relative to the restored folder itself.
        Predicate<String> preserved = full -> full.startsWith(name + "/") && globs.test(full.substring(name.length() + 1));
        Predicate<String> extraGlobs = RestorePlanner.globs(args.strings("keep_extra"));
        boolean wholeFolder = args.strings("keep_extra").stream().anyMatch(g -> g.isEmpty() || g.equals("."));
        Predicate<String> keepExtra = full -> full.equals(name) ? wholeFolder
                : full.startsWith(name + "/") && extraGlobs.test(full.substring(name.length() + 1));
        return new Setup(List.of(new RestoreUnit(name, from, to, entries, keep)),
                to.toAbsolutePath().getParent().resolve(EntryNames.STAGING), keep, preserved, keepExtra, null);
    }

    /** The backup's roots, or, for a folder of it, the entries directly in that folder. */
    private static List<String> defaultRoots(Manifest manifest, String prefix) {
        if (prefix.isEmpty()) {
            return manifest.restoreRoots();
        }
        return manifest.entries().stream().map(dev.runbook.files.Entry::name).filter(n -> n.startsWith(prefix + "/"))
                .map(n -> n.substring(prefix.length() + 1)).map(n -> n.contains("/") ? n.substring(0, n.indexOf('/')) : n)
                .distinct().toList();
    }

    private List<UnitPlan> plan(Setup setup, StepContext context) throws IOException, Refusal, ActionException {
        RestorePlanner planner = new RestorePlanner(setup.preserved(), context.args().bool("mirror"), setup.keepExtra());
        List<UnitPlan> plans = new ArrayList<>();
        for (RestoreUnit unit : setup.units()) {
            plans.add(planner.plan(unit));
        }
        return plans;
    }

    private static List<String> diff(RestoreUnit unit, Change change) throws IOException {
        String relative = change.name().equals(unit.name()) ? "" : change.name().substring(unit.name().length() + 1);
        return TextDiff.unified(change.name(), unit.targetOf(relative), unit.sourceOf(relative)).orElse(List.of());
    }

    private static Map<String, Object> outputs(Setup setup, List<UnitPlan> plans, Path keptAs, Restorer.Linked linked) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("added", count(plans, Change.Kind.ADDED));
        outputs.put("replaced", count(plans, Change.Kind.REPLACED));
        outputs.put("removed", count(plans, Change.Kind.REMOVED));
        outputs.put("unchanged", count(plans, Change.Kind.UNCHANGED));
        outputs.put("preserved", count(plans, Change.Kind.PRESERVED));
        outputs.put("kept_as", keptAs == null ? "" : keptAs.toString());
        outputs.put("linked", linked.files());
        outputs.put("metadata_not_kept", List.of());
        List<String> preserved = plans.stream().flatMap(p -> p.changes().stream())
                .filter(c -> c.kind() == Change.Kind.PRESERVED).map(Change::name).sorted().toList();
        outputs.put("preserved_files", preserved.subList(0, Math.min(PRESERVED_LISTED, preserved.size())));
        List<String> notes = new ArrayList<>();
        if (setup.index() != null) {
            outputs.put("manifest", setup.index().manifestName());
            outputs.put("checksums", setup.index().checksumsVerified() ? "verified" : BackupIndex.NOT_VERIFIED);
            notes.add(setup.index().describe());
        }
        if (!preserved.isEmpty()) {
            notes.add("left in place " + preserved.size() + (preserved.size() == 1 ? " file" : " files")
                    + " (preserve, keep_extra, or mirror off): " + String.join(", ", preserved.subList(0,
                    Math.min(PRESERVED_LISTED, preserved.size())).stream().map(Escapes::escape).toList())
                    + (preserved.size() > PRESERVED_LISTED ? ", ..." : ""));
        }
        outputs.put(Outcome.NOTES, notes);
        return outputs;
    }

    private static List<String> castNotes(Object notes) {
        return notes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static long count(List<UnitPlan> plans, Change.Kind kind) {
        return plans.stream().mapToLong(p -> p.count(kind)).sum();
    }
}
