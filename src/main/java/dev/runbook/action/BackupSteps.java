package dev.runbook.action;

import dev.runbook.files.Refusal;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the backup and restore actions share: the parameters several of them declare (one constant,
 * so each reads the same declaration), the wording their docs repeat, and how file work becomes a
 * one-line {@link ActionException}, typed as a refusal when nothing was changed.
 */
final class BackupSteps {

    static final String REUSE = "Hard-link files already on disk that hold the very bytes (the target's own at the "
            + "same place, or files an earlier restore of this run kept aside) instead of copying them, each checked "
            + "against the expected checksum; the kept copies then share those files with the target.";

    static final String MANIFEST = "The checksum list inside the backup, in any form sha256sum -c reads (./ prefixes, "
            + "* markers, escaped names) or the BSD tag form (sha256sum --tag, shasum --tag). Left out: SHA256SUMS, else "
            + "the one *.sha256 or *.sha256sum file, else the one file at the backup's top whose lines are all "
            + "checksum lines (\"\" too: a runbook's parameter can default to finding it); the file used is named in "
            + "the outputs and on the console.";

    static final String KEEP_EXTRA = "Folders (globs) where everything the source does not have stays in place, at "
            + "any depth (new folders and new files in old ones), while what it has is restored: mirror off for those "
            + "folders only, and no naming convention needed to tell what is the user's.";

    static final Param<String> CHECKSUMS = Param.oneOf("checksums", List.of("sha256", "none"), "none: the backup has "
            + "no checksum list; check what can be checked without one (the listing, counts, sizes) and say "
            + "\"checksums not verified\" in every output.", "none").byDefault("sha256");
    static final Param<Boolean> REUSE_FILES = Param.bool("reuse", REUSE, "true").byDefault("false");

    static final Output<Long> LINKED = Output.integer("linked", "Files hard-linked from a file already on disk with "
            + "the same bytes (the target's own, or one this run kept aside earlier) instead of copied.");
    static final Output<List<String>> METADATA_NOT_KEPT = Output.list("metadata_not_kept", "Owner, group, mode or "
            + "hard links that could not be kept (not running as root), one line per entry; empty when everything was "
            + "kept.");
    static final Output<List<String>> PRESERVED_FILES = Output.list("preserved_files", "Files left in place "
            + "(preserve, keep_extra, or mirror off), sorted; the first 50 (preserved counts them all).");
    static final Output<String> MANIFEST_USED = Output.string("manifest", "The checksum list used (empty with "
            + "checksums: none).");
    static final Output<String> CHECKSUMS_VERIFIED = Output.string("checksums", "\"verified\", or \"checksums not "
            + "verified\" (checksums: none).");

    private BackupSteps() {
    }

    /** A path parameter resolved against the working directory, normalized (entries are compared by name). */
    static Path path(StepContext context, Param<Path> param) throws ActionException {
        return context.path(param).normalize();
    }

    /** checksums: none turns checksums off; the default, sha256, needs a checksum list. */
    static boolean checksums(StepContext context) throws ActionException {
        return !context.get(CHECKSUMS).equals("none");
    }

    /** The named checksum list; empty (left out, or "" as a runbook's param default) means find it. */
    static java.util.Optional<String> manifest(StepContext context, Param<String> manifest) throws ActionException {
        return context.find(manifest).filter(name -> !name.isBlank());
    }

    /** File work that may refuse or fail on I/O. */
    interface FileWork<T> {
        T run() throws IOException, Refusal, ActionException;
    }

    /** Work before anything is changed (reading, planning, a preview): every failure is a refusal. */
    static <T> T before(String what, FileWork<T> work) throws ActionException {
        try {
            return work.run();
        } catch (ActionException e) {
            throw e.refused() ? e : ActionException.refused(e.getMessage(), e);
        } catch (Refusal e) {
            throw ActionException.refused(e.getMessage(), e);
        } catch (IOException e) {
            throw ActionException.refused(describe(what, e), e);
        }
    }

    /**
     * Work that changes things. A {@link Refusal} is typed a refusal only where the caller knows the
     * library threw it before changing anything ({@code refusalsChangeNothing}); an I/O failure may
     * have changed something.
     */
    static <T> T changing(String what, boolean refusalsChangeNothing, FileWork<T> work) throws ActionException {
        try {
            return work.run();
        } catch (Refusal e) {
            throw refusalsChangeNothing ? ActionException.refused(e.getMessage(), e)
                    : new ActionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ActionException(describe(what, e), e);
        }
    }

    private static String describe(String what, IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return what + ": permission denied on " + denied.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return what + ": " + missing.getFile() + " does not exist";
        }
        return what + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
