package dev.runbook.action;

import dev.runbook.git.DirtySaver;
import dev.runbook.git.DirtyWork;
import dev.runbook.git.GitException;
import dev.runbook.git.GitRepo;
import dev.runbook.git.PathSpecs;
import dev.runbook.git.Trees;
import dev.runbook.git.WorkState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * git.restore: paths back from a commit into the index and work tree (git checkout REF -- PATHS).
 * It refuses while a restored path holds uncommitted work, unless save_dirty copies it into the
 * run's forensics folder first; afterwards every restored file must hash to the commit's blob.
 */
final class GitRestore implements BuiltIn {

    static final Param<Path> REPO = GitSteps.repo(".");
    static final Param<String> REF = Param.string("ref", "The commit to take the files from.", "HEAD~1")
            .byDefault("HEAD");
    static final Param<List<String>> PATHS = Param.strings("paths", "Paths or globs, relative to the work tree; as in "
            + "git, * also matches /.", "[src/domain/value_objects/tool_category.py]").required();
    static final Param<Boolean> SAVE_DIRTY = GitSteps.saveDirty();

    static final Output<List<String>> RESTORED = Output.list("restored", "Paths restored.");
    static final Output<Object> SAVED = Output.value("saved", "path", GitSteps.SAVED);

    private static final ActionSpec SPEC = ActionSpec.define("git.restore", "Restore paths from a commit (git "
                    + "checkout REF -- PATHS).")
            .params(REPO, REF, PATHS, SAVE_DIRTY)
            .outputs(RESTORED, SAVED)
            .plan("restore {paths} from {ref} in {repo}")
            .reads(PreviewReads.GIT_REPOSITORY)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            repo.refuseWhenLocked();
            Plan plan = plan(repo, context);
            List<String> effects = new ArrayList<>();
            int unchanged = 0;
            for (Map.Entry<String, ObjectId> file : plan.files().entrySet()) {
                Optional<ObjectId> now = workTreeBlob(repo, file.getKey());
                if (now.isEmpty()) {
                    effects.add("A " + file.getKey() + " (missing now, would come back from " + plan.label() + ")");
                } else if (!now.get().equals(file.getValue())) {
                    effects.add("M " + file.getKey() + " (would become its version in " + plan.label() + ")");
                } else {
                    unchanged++;
                }
            }
            effects.add(0, "would restore " + plan.files().size() + " file(s) from " + plan.label() + ": "
                    + (plan.files().size() - unchanged) + " would change, " + unchanged + " already equal");
            if (!plan.dirty().none()) {
                effects.add("would first save " + plan.dirty().lines().size() + " uncommitted path(s) into "
                        + context.run().forensicsDir().resolve("git-" + context.stepFileName()) + ": "
                        + String.join(", ", plan.dirty().lines()));
            }
            return new Preview(PreviewKind.SIMULATED, effects, outputs(plan, ""));
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            repo.refuseWhenLocked();
            Plan plan = plan(repo, context);
            String saved = "";
            if (!plan.dirty().none()) {
                saved = DirtySaver.save(repo, plan.dirty(), GitSteps.saver(context), "restore from " + plan.label())
                        .toString();
            }
            try {
                repo.git().checkout().setStartPoint(plan.commit()).addPaths(List.copyOf(plan.files().keySet())).call();
            } catch (GitAPIException | JGitInternalException e) {
                throw new ActionException("restore from " + plan.label() + " failed: " + e.getMessage()
                        + (saved.isEmpty() ? "" : "; uncommitted work was saved in " + saved), e);
            }
            Map<String, Object> outputs = outputs(plan, saved);
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, ObjectId> file : plan.files().entrySet()) {
                if (!workTreeBlob(repo, file.getKey()).equals(Optional.of(file.getValue()))) {
                    wrong.add(file.getKey());
                }
            }
            return wrong.isEmpty() ? Outcome.ok(outputs) : Outcome.failed("after restoring, these files differ from "
                    + plan.label() + ": " + wrong, outputs);
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    /** The commit, the files the specs match in it with their blobs, and the work they would overwrite. */
    private record Plan(RevCommit commit, String label, Map<String, ObjectId> files, DirtyWork dirty) {
    }

    private static Plan plan(GitRepo repo, StepContext context) throws ActionException, GitException {
        String ref = context.get(REF);
        RevCommit commit = repo.commit(ref);
        String label = ref + " (" + commit.abbreviate(7).name() + ")";
        Map<String, ObjectId> all = Trees.blobs(repo.repository(), commit);
        Map<String, ObjectId> files = new LinkedHashMap<>();
        for (String path : PathSpecs.match(context.get(PATHS), all.keySet(), label)) {
            files.put(path, all.get(path));
        }
        DirtyWork dirty = DirtyWork.forRestore(WorkState.of(repo), files.keySet());
        dirty.refuseUnlessSaving(context.get(SAVE_DIRTY), "restore from " + label);
        return new Plan(commit, label, files, dirty);
    }

    /** The blob id git would give the file as it is now (a symlink's target text), or empty if absent. */
    private static Optional<ObjectId> workTreeBlob(GitRepo repo, String path) throws ActionException {
        Path file = repo.workTree().resolve(path);
        try {
            byte[] content;
            if (Files.isSymbolicLink(file)) {
                content = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
            } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                content = Files.readAllBytes(file);
            } else {
                return Optional.empty();
            }
            return Optional.of(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content));
        } catch (IOException e) {
            throw new ActionException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> outputs(Plan plan, String saved) {
        return new Outputs().put(RESTORED, List.copyOf(plan.files().keySet())).put(SAVED, saved).map();
    }
}
