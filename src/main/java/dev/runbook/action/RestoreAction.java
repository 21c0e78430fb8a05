package dev.runbook.action;

import dev.runbook.files.BackupIndex;
import dev.runbook.files.BackupSource;
import dev.runbook.files.Change;
import dev.runbook.files.Escapes;
import dev.runbook.files.Keeping;
import dev.runbook.files.Refusal;
import dev.runbook.files.RestorePlanner;
import dev.runbook.files.RestoreUnit;
import dev.runbook.files.Restorer;
import dev.runbook.files.Reuse;
import dev.runbook.files.TextDiff;
import dev.runbook.files.UnitPlan;
import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What backup.restore (entries of a backup back into a target root) and file.restore (one file or
 * folder from a path) share: planned from the real state, staged and swapped atomically by
 * {@link Restorer}. Each subclass declares its parameters and reads them into a {@link Setup}. The
 * preview shows the plan per file, with diffs of small text files, and makes the same checks as a
 * run (manifest, names, filesystem, space), so a dry run reveals a restore that would refuse.
 */
abstract class RestoreAction implements BuiltIn {

    private static final int UNCHANGED_SHOWN = 20;

    /** How many preserved names the outputs and notes list (all are counted). */
    private static final int PRESERVED_LISTED = 50;

    static final Output<Long> ADDED = Output.integer("added", "Files added.");
    static final Output<Long> REPLACED = Output.integer("replaced", "Files replaced.");
    static final Output<Long> REMOVED = Output.integer("removed", "Files removed.");
    static final Output<Long> UNCHANGED = Output.integer("unchanged", "Files already equal.");
    static final Output<Long> PRESERVED = Output.integer("preserved", "Files kept because of preserve.");
    static final Output<Path> KEPT_AS = Output.path("kept_as", "Where the previous content was kept.");

    /**
     * The units, where the restore stages, the folder where replaced content is kept, what stays in
     * place, how the backup's content is known (null for file.restore), the source as the runbook
     * wrote it, and the mirror and reuse choices.
     */
    record Setup(List<RestoreUnit> units, Path txDir, Path keptAs, Predicate<String> preserved,
                 Predicate<String> keepExtra, BackupIndex index, String fromAsWritten, boolean mirror,
                 boolean reuse) {
    }

    /** Reads the step's parameters and the real state into what to restore; refuses before changing anything. */
    abstract Setup setup(StepContext context) throws IOException, Refusal, ActionException;

    @Override
    public Preview preview(StepContext context) throws ActionException {
        SimulatedState simulated = context.run().simulated();
        Path from = BackupSteps.path(context, from());
        Path to = BackupSteps.path(context, to());
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
        return preview.withEffects(before);
    }

    /** The source and target parameters, as each restore declares them. */
    abstract Param<Path> from();

    abstract Param<Path> to();

    private Preview previewNow(StepContext context) throws ActionException {
        return BackupSteps.before("cannot restore", () -> {
            Setup setup = setup(context);
            List<UnitPlan> plans = plan(setup);
            List<String> effects = new ArrayList<>();
            java.util.Optional<String> live = Restorer.liveOwner(setup.txDir());
            if (live.isPresent()) {
                throw new Refusal(live.get());
            }
            if (Files.exists(setup.txDir(), LinkOption.NOFOLLOW_LINKS)) {
                effects.add("would first complete or discard the interrupted restore staged in " + setup.txDir());
            }
            if (setup.index() != null && setup.index().checksumsVerified()) {
                List<String> bad = BackupSource.checksumProblems(setup.units());
                if (!bad.isEmpty()) {
                    throw new Refusal("backup " + setup.fromAsWritten() + " does not match its manifest ("
                            + bad.size() + " problems: " + String.join("; ", bad) + "); nothing would be restored");
                }
            }
            Restorer restorer = new Restorer(setup.txDir(), reuse(setup, context));
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
            Map<String, Object> outputs = outputs(setup, plans, changes ? setup.keptAs() : null, linkable).map();
            effects.addAll(BackupVerify.notes(outputs));
            return new Preview(PreviewKind.SIMULATED, effects, outputs);
        });
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Setup setup = BackupSteps.before("cannot restore", () -> setup(context));
        // From here the target may change; a refusal of the restorer is not trusted to mean "nothing
        // changed" (a failed put-back after a stopped swap is one too).
        return BackupSteps.changing("cannot restore", false, () -> {
            Restorer.recover(setup.txDir(), context.run().restoreHooks());
            List<UnitPlan> plans = plan(setup);
            // What earlier restores of this run moved aside may hold the very bytes; what this one moves
            // aside may serve a later one (a rollback's restore after an upgrade's).
            Restorer.Result result = new Restorer(setup.txDir(), reuse(setup, context), context.run().restoreHooks())
                    .apply(plans);
            if (!result.kept().isEmpty()) {
                context.run().keptAside().add(setup.keptAs());
            }
            Outputs outputs = outputs(setup, plans, result.kept().isEmpty() ? null : setup.keptAs(), result.linked());
            outputs.put(BackupSteps.METADATA_NOT_KEPT, result.notKept());
            if (!result.notKept().isEmpty()) {
                // Read even on success: the reports show notes.
                List<String> notes = new ArrayList<>(castNotes(outputs.map().get(Outcome.NOTES)));
                notes.add("could not keep owner, mode or hard links of " + result.notKept().size() + " entr"
                        + (result.notKept().size() == 1 ? "y" : "ies") + " (see metadata_not_kept): "
                        + result.notKept().get(0));
                outputs.put(notes(), notes);
            }
            return Outcome.ok(outputs.map());
        });
    }

    /** The notes output, whose description differs between the two actions. */
    abstract Output<List<String>> notes();

    /** reuse: true links files already on disk (see docs/FILES.md, Reuse); the default copies every file. */
    private static Reuse reuse(Setup setup, StepContext context) {
        return setup.reuse() ? Reuse.of(context.run().keptAside()) : Reuse.none();
    }

    /**
     * The checks both actions make first: keep_current_as is new, the source exists. Returns where
     * replaced content is kept: keep_current_as, or a fresh folder in the run's forensics folder.
     */
    static Path keptAs(StepContext context, Path from, Param<Path> keepCurrentAs) throws Refusal, ActionException {
        Path keptAs = context.findPath(keepCurrentAs).map(Path::normalize)
                .orElseGet(() -> Keeping.unused(context.run().forensicsDir(), context.stepFileName()));
        if (context.gives(keepCurrentAs) && Files.exists(keptAs, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refusal("keep_current_as " + keptAs + " already exists; it is never overwritten");
        }
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refusal("nothing to restore from: " + from + " does not exist");
        }
        return keptAs;
    }

    private static List<UnitPlan> plan(Setup setup) throws IOException, Refusal {
        RestorePlanner planner = new RestorePlanner(setup.preserved(), setup.mirror(), setup.keepExtra());
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

    private Outputs outputs(Setup setup, List<UnitPlan> plans, Path keptAs, Restorer.Linked linked) {
        Outputs outputs = new Outputs().put(ADDED, count(plans, Change.Kind.ADDED))
                .put(REPLACED, count(plans, Change.Kind.REPLACED))
                .put(REMOVED, count(plans, Change.Kind.REMOVED))
                .put(UNCHANGED, count(plans, Change.Kind.UNCHANGED))
                .put(PRESERVED, count(plans, Change.Kind.PRESERVED))
                .put(KEPT_AS, keptAs == null ? Path.of("") : keptAs)
                .put(BackupSteps.LINKED, linked.files())
                .put(BackupSteps.METADATA_NOT_KEPT, List.of());
        List<String> preserved = plans.stream().flatMap(p -> p.changes().stream())
                .filter(c -> c.kind() == Change.Kind.PRESERVED).map(Change::name).sorted().toList();
        outputs.put(BackupSteps.PRESERVED_FILES, preserved.subList(0, Math.min(PRESERVED_LISTED, preserved.size())));
        List<String> notes = new ArrayList<>();
        if (setup.index() != null) {
            outputs.put(BackupSteps.MANIFEST_USED, setup.index().manifestName());
            outputs.put(BackupSteps.CHECKSUMS_VERIFIED, setup.index().checksumsVerified() ? "verified"
                    : BackupIndex.NOT_VERIFIED);
            notes.add(setup.index().describe());
        }
        if (!preserved.isEmpty()) {
            notes.add("left in place " + preserved.size() + (preserved.size() == 1 ? " file" : " files")
                    + " (preserve, keep_extra, or mirror off): " + String.join(", ", preserved.subList(0,
                    Math.min(PRESERVED_LISTED, preserved.size())).stream().map(Escapes::escape).toList())
                    + (preserved.size() > PRESERVED_LISTED ? ", ..." : ""));
        }
        return outputs.put(notes(), notes);
    }

    private static List<String> castNotes(Object notes) {
        return notes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static long count(List<UnitPlan> plans, Change.Kind kind) {
        return plans.stream().mapToLong(p -> p.count(kind)).sum();
    }
}
