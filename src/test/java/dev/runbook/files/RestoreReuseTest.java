package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore links files already on disk with the manifest's bytes instead of copying them: the
 * target's own unchanged file, or one this run kept aside earlier. Never a file whose bytes differ,
 * never one with another link, never one file for two places, never the backup's own files.
 */
class RestoreReuseTest {

    @TempDir
    Path dir;

    Path target;
    Path backup;
    Path keptEarlier;
    Path elsewhere;

    @BeforeEach
    void setUp() throws Exception {
        target = dir.resolve("root");
        Path docs = target.resolve("docs");
        Trees4Test.write(docs.resolve("same.md"), "unchanged by the upgrade\n");
        Trees4Test.write(docs.resolve("changed.md"), "version 1\n");
        Trees4Test.write(docs.resolve("dropped.md"), "dropped by the upgrade\n");
        Trees4Test.write(docs.resolve("fake.md"), "fake 1\n");
        Trees4Test.write(docs.resolve("twin-a/t.md"), "twin\n");
        Trees4Test.write(docs.resolve("twin-b/t.md"), "twin\n");
        Trees4Test.write(docs.resolve("shared.md"), "linked from elsewhere too\n");
        FileTime time = Files.getLastModifiedTime(docs.resolve("twin-a/t.md"));
        Files.setLastModifiedTime(docs.resolve("twin-b/t.md"), time);
        // Whole seconds, so that a copy keeping attributes (forensics.collect) has the very same mtime.
        Files.setLastModifiedTime(docs.resolve("dropped.md"), FileTime.from(java.time.Instant.parse("2025-10-08T10:30:45Z")));
        elsewhere = dir.resolve("elsewhere.md");
        Files.createLink(elsewhere, docs.resolve("shared.md"));
        BackupWriter.write(target, Selection.of(target, List.of("docs"), List.of()), dir.resolve("backups"), "good",
                Map.of());
        backup = dir.resolve("backups/good");

        // The upgrade, as this run did it: what it replaced or dropped moved aside by rename.
        keptEarlier = dir.resolve("state/runs/r1/forensics/upgrade");
        Files.createDirectories(keptEarlier.resolve("x"));
        Files.writeString(docs.resolve("changed.md"), "version 2\n");
        Files.move(docs.resolve("dropped.md"), keptEarlier.resolve("dropped.md"));
        Files.move(docs.resolve("twin-a/t.md"), keptEarlier.resolve("t.md"));
        Files.delete(docs.resolve("twin-b/t.md"));
        // Same name, size and mtime as the backed-up fake.md, other bytes: only a checksum tells.
        FileTime fakeTime = Files.getLastModifiedTime(docs.resolve("fake.md"));
        Files.move(docs.resolve("fake.md"), keptEarlier.resolve("x/fake.md"));
        Files.writeString(keptEarlier.resolve("x/fake.md"), "fake 2\n");
        Files.setLastModifiedTime(keptEarlier.resolve("x/fake.md"), fakeTime);
        Files.writeString(docs.resolve("new.md"), "added by the upgrade\n");
    }

    /** Told of the restores' checkpoints; a test that simulates a crash sets its own. */
    private Checkpoints checkpoints = Checkpoints.NONE;

    private Restorer.Result restore(Reuse reuse) throws Exception {
        return restore(reuse, backup, name -> false);
    }

    private Restorer.Result restore(Reuse reuse, Path from, java.util.function.Predicate<String> preserved)
            throws Exception {
        Manifest manifest = Manifest.read(from, Manifest.SUMS);
        List<RestoreUnit> units = BackupSource.units(from, manifest, manifest.restoreRoots(), target,
                name -> dir.resolve("kept-now").resolve(name));
        List<UnitPlan> plans = new ArrayList<>();
        for (RestoreUnit unit : units) {
            plans.add(new RestorePlanner(preserved, true).plan(unit));
        }
        return new Restorer(target.resolve(EntryNames.STAGING), reuse, new RestoreHooks(LinuxCalls.system(), checkpoints))
                .apply(plans);
    }

    /** A restore (linking from keptEarlier) that dies at the named checkpoint, as a kill there would. */
    private void restoreKilledAt(String checkpoint) {
        checkpoints = point -> {
            if (point.equals(checkpoint)) {
                throw new IllegalStateException("killed at " + checkpoint);
            }
        };
        assertThatThrownBy(() -> restore(Reuse.of(List.of(keptEarlier)))).hasMessage("killed at " + checkpoint);
    }

    private static int links(Path file) throws Exception {
        return (int) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean same(Path a, Path b) throws Exception {
        return Files.isSameFile(a, b);
    }

    @Test
    void filesAlreadyOnDiskAreLinkedTheRestCopiedAndTheResultIsTheBackup() throws Exception {
        Map<String, String> keptBefore = Trees4Test.snapshot(keptEarlier);
        Restorer.Result result = restore(Reuse.of(List.of(keptEarlier)));

        Path docs = target.resolve("docs");
        assertThat(Trees4Test.snapshot(docs)).isEqualTo(Trees4Test.snapshot(backup.resolve("docs")));
        // same.md from its own place, dropped.md and one twin from what the run kept aside.
        assertThat(result.linked()).isEqualTo(new Restorer.Linked(3,
                "unchanged by the upgrade\n".length() + "dropped by the upgrade\n".length() + "twin\n".length()));
        assertThat(same(docs.resolve("same.md"), dir.resolve("kept-now/docs/same.md"))).isTrue();
        assertThat(same(docs.resolve("dropped.md"), keptEarlier.resolve("dropped.md"))).isTrue();
        assertThat(same(docs.resolve("twin-a/t.md"), keptEarlier.resolve("t.md"))
                ^ same(docs.resolve("twin-b/t.md"), keptEarlier.resolve("t.md"))).as("one file, one place").isTrue();
        assertThat(same(docs.resolve("twin-a/t.md"), docs.resolve("twin-b/t.md"))).isFalse();
        // Other bytes under the same name, size and mtime: copied; the kept file is as it was.
        assertThat(same(docs.resolve("fake.md"), keptEarlier.resolve("x/fake.md"))).isFalse();
        assertThat(Trees4Test.snapshot(keptEarlier)).isEqualTo(keptBefore);
        // A file with a second link is never shared further: the restored one is a copy of its own.
        assertThat(same(docs.resolve("shared.md"), elsewhere)).isFalse();
        assertThat(Files.readString(elsewhere)).isEqualTo("linked from elsewhere too\n");
        // The backup shares nothing with what was restored, and no restored file has more than two names.
        for (Entry entry : Trees.scan(docs, "", name -> false)) {
            if (entry.isFile()) {
                assertThat(same(docs.resolve(entry.name()), backup.resolve("docs").resolve(entry.name()))).isFalse();
                assertThat((int) Files.getAttribute(docs.resolve(entry.name()), "unix:nlink", LinkOption.NOFOLLOW_LINKS))
                        .as(entry.name()).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void withoutAKeptFolderOnlyTheTargetsOwnUnchangedFilesAreLinked() throws Exception {
        Restorer.Result result = restore(Reuse.of(List.of()));
        Path docs = target.resolve("docs");
        assertThat(Trees4Test.snapshot(docs)).isEqualTo(Trees4Test.snapshot(backup.resolve("docs")));
        assertThat(result.linked()).isEqualTo(new Restorer.Linked(1, "unchanged by the upgrade\n".length()));
        assertThat(same(docs.resolve("dropped.md"), keptEarlier.resolve("dropped.md"))).isFalse();
    }

    @Test
    void aFileWithTheSameSizeAndMtimeButOtherBytesIsCopiedNotLinked() throws Exception {
        // same.md qualifies by name, size, mtime and mode, so staging links it; the checksum of the link
        // differs from the manifest's, so it is unlinked and the backup's bytes copied. The current one is kept.
        Path sameMd = target.resolve("docs/same.md");
        FileTime time = Files.getLastModifiedTime(sameMd);
        Files.writeString(sameMd, "UNCHANGED BY THE UPGRADE\n");
        Files.setLastModifiedTime(sameMd, time);
        Restorer.Result result = restore(Reuse.of(List.of()));
        assertThat(Files.readString(sameMd)).isEqualTo("unchanged by the upgrade\n");
        assertThat(Files.readString(dir.resolve("kept-now/docs/same.md"))).isEqualTo("UNCHANGED BY THE UPGRADE\n");
        assertThat(result.linked().files()).isZero();
    }

    @Test
    void collectedForensicsAreNeverLinkedOnlyWhatARestoreOfTheRunKeptAside() throws Exception {
        // The run collects dropped.md as evidence (a copy with its mtime), then restores: the evidence
        // qualifies by name, size and mtime, yet it is not what a restore moved aside, so dropped.md is
        // copied from the backup. A first restore of the run keeps what it replaces, and a second one
        // restoring the same entries links that kept content back.
        Path evidence = keptEarlier.resolve("dropped.md");
        Trees4Test.write(dir.resolve("bad/docs/same.md"), "broken\n");
        List<JsonNode> events = new Cli4Test(dir).run("""
                steps:
                  - id: collect
                    action: forensics.collect
                    with: { paths: ["%s"] }
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s", reuse: true }
                  - id: break-it
                    action: file.restore
                    with: { from: "%s", to: "%s" }
                  - id: restore-again
                    action: backup.restore
                    with: { from: "%s", to: "%s", paths: [docs], reuse: true }
                """.formatted(evidence, backup, target, dir.resolve("bad/docs"), target.resolve("docs"), backup, target));
        JsonNode first = Cli4Test.finished(events, "restore");
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.get("outputs").get("linked").asLong()).as("same.md only").isEqualTo(1);
        // forensics.collect keeps it at its folder's top under its own name.
        Path collected = Path.of(Cli4Test.finished(events, "collect").get("outputs").get("path").asText())
                .resolve("dropped.md");
        assertThat(Files.readString(collected)).isEqualTo("dropped by the upgrade\n");
        // The second restore links back what break-it kept aside (all of docs but same.md, which it had).
        JsonNode again = Cli4Test.finished(events, "restore-again");
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("succeeded");
        Path keptByBreakIt = Path.of(Cli4Test.finished(events, "break-it").get("outputs").get("kept_as").asText());
        assertThat(same(target.resolve("docs/changed.md"), keptByBreakIt.resolve("changed.md"))).isTrue();
        assertThat(again.get("outputs").get("linked").asLong()).isEqualTo(6);
        assertThat(Trees4Test.snapshot(target.resolve("docs"))).isEqualTo(Trees4Test.snapshot(backup.resolve("docs")));
        assertThat(same(target.resolve("docs/dropped.md"), collected)).as("the evidence is nobody's live file").isFalse();
        assertThat((int) Files.getAttribute(collected, "unix:nlink")).isEqualTo(1);
    }

    @Test
    void byDefaultNothingIsLinked() throws Exception {
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s" }
                """.formatted(backup, target)), "restore");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("outputs").get("linked").asLong()).isZero();
        Path docs = target.resolve("docs");
        assertThat(Trees4Test.snapshot(docs)).isEqualTo(Trees4Test.snapshot(backup.resolve("docs")));
        for (Entry entry : Trees.scan(docs, "", name -> false)) {
            if (entry.isFile()) {
                assertThat(links(docs.resolve(entry.name()))).as(entry.name()).isEqualTo(1);
            }
        }
    }

    @Test
    void theDryRunSaysWhatItWouldLinkAndTheRunReportsWhatItLinked() throws Exception {
        String steps = """
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s", reuse: true }
                """.formatted(backup, target);
        Map<String, String> before = Trees4Test.snapshot(target);
        JsonNode preview = Cli4Test.finished(new Cli4Test(dir).run(steps, "--dry-run"), "restore");
        assertThat(Cli4Test.effects(preview)).contains("would hard-link 1 file (25 B) already on disk with the same "
                + "name, size, mtime and mode instead of copying them, each only if its checksum matches");
        assertThat(preview.get("outputs").get("linked").asLong()).isEqualTo(1);
        assertThat(Trees4Test.snapshot(target)).isEqualTo(before);
        // A run of its own has kept nothing aside before this step: only same.md is linked.
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run(steps), "restore");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("outputs").get("linked").asLong()).isEqualTo(1);
        assertThat(Trees4Test.snapshot(target.resolve("docs"))).isEqualTo(Trees4Test.snapshot(backup.resolve("docs")));
    }

    @Test
    void aPreservedFileIsCopiedSoItsKeptCopyStaysItsOwn() throws Exception {
        // Its bytes are in no backup: sharing it with the kept copy would let a later write change both.
        Path local = target.resolve("docs/local.md");
        Files.writeString(local, "the user's own, not in the backup\n");
        restore(Reuse.of(List.of(keptEarlier)), backup, name -> name.equals("docs/local.md"));
        assertThat(Files.readString(local)).isEqualTo("the user's own, not in the backup\n");
        assertThat(same(local, dir.resolve("kept-now/docs/local.md"))).isFalse();
        assertThat(links(local)).isEqualTo(1);
    }

    @Test
    void aFileBehindASymlinkedFolderIsNeverTheSamePlace() throws Exception {
        // The backup has docs/sub as a folder; the target has it as a link to a folder elsewhere whose
        // f.md is an identical copy. Linking that file would make a live file outside the target and
        // the restored one the same file.
        Path docs = target.resolve("docs");
        Trees4Test.write(docs.resolve("sub/f.md"), "in a folder\n");
        BackupWriter.write(target, Selection.of(target, List.of("docs"), List.of()), dir.resolve("backups"), "with-sub",
                Map.of());
        Path elsewhereFolder = dir.resolve("shared-sub");
        Files.move(docs.resolve("sub"), elsewhereFolder);
        Files.createSymbolicLink(docs.resolve("sub"), elsewhereFolder);
        restore(Reuse.of(List.of()), dir.resolve("backups/with-sub"), name -> false);
        assertThat(Files.isSymbolicLink(docs.resolve("sub"))).isFalse();
        assertThat(Files.readString(docs.resolve("sub/f.md"))).isEqualTo("in a folder\n");
        assertThat(same(docs.resolve("sub/f.md"), elsewhereFolder.resolve("f.md"))).isFalse();
        assertThat(links(elsewhereFolder.resolve("f.md"))).isEqualTo(1);
    }

    @Test
    void aCandidateLinkedElsewhereMeanwhileIsCopied() throws Exception {
        // Two restores running side by side may pick the same kept file; the one that finds it with a
        // third name after linking copies instead, so no two live paths ever share it.
        Path kept = keptEarlier.resolve("dropped.md");
        String sum = Sha256.of(kept);
        Entry entry = Trees.stat(kept, "dropped.md").orElseThrow().withSha256(sum);
        Files.createLink(dir.resolve("other-restore.md"), kept);
        Path staged = Files.createDirectories(dir.resolve("stage")).resolve("dropped.md");
        Copier.Staged result = Copier.stageAll(List.of(new Copier.Job(backup.resolve("docs/dropped.md"), staged, entry,
                kept, sum)));
        assertThat(result.linked()).isEqualTo(new Restorer.Linked(0, 0));
        assertThat(same(staged, kept)).isFalse();
        assertThat(Files.readString(staged)).isEqualTo("dropped by the upgrade\n");
        assertThat(links(kept)).isEqualTo(2);
    }

    @Test
    void aRestoreInterruptedAfterStagingLeavesTheKeptFilesAsTheyWere() throws Exception {
        Map<String, String> keptBefore = Trees4Test.snapshot(keptEarlier);
        Map<String, String> targetBefore = Trees4Test.snapshot(target);
        restoreKilledAt("staged");
        assertThat(links(keptEarlier.resolve("dropped.md"))).as("linked into the staging").isEqualTo(2);
        assertThat(Restorer.recover(target.resolve(EntryNames.STAGING))).isPresent();
        assertThat(Trees4Test.snapshot(keptEarlier)).isEqualTo(keptBefore);
        assertThat(Trees4Test.snapshot(target)).isEqualTo(targetBefore);
        assertThat(links(keptEarlier.resolve("dropped.md"))).isEqualTo(1);
        assertThat(links(target.resolve("docs/same.md"))).isEqualTo(1);
    }

    @Test
    void aRestoreInterruptedAfterTheSwapIsCompletedWithItsLinks() throws Exception {
        restoreKilledAt("moved-in");
        assertThat(Restorer.recover(target.resolve(EntryNames.STAGING))).isPresent();
        Path docs = target.resolve("docs");
        assertThat(Trees4Test.snapshot(docs)).isEqualTo(Trees4Test.snapshot(backup.resolve("docs")));
        assertThat(same(docs.resolve("dropped.md"), keptEarlier.resolve("dropped.md"))).isTrue();
        assertThat(same(docs.resolve("same.md"), dir.resolve("kept-now/docs/same.md"))).isTrue();
        assertThat(target.resolve(EntryNames.STAGING)).doesNotExist();
    }

    @Test
    void aFailedVerificationPutsThePreviousContentBackAndNoLiveFileSharesAKeptOne() throws Exception {
        Map<String, String> targetBefore = Trees4Test.snapshot(target);
        Map<String, String> keptBefore = Trees4Test.snapshot(keptEarlier);
        checkpoints = point -> {
            if (point.equals("staged")) {
                try {   // a copied (not linked) staged file changes before the swap
                    Path changed = target.resolve(EntryNames.STAGING).resolve("stage/0/changed.md");
                    Files.writeString(changed, "tampered\n", java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        assertThatThrownBy(() -> restore(Reuse.of(List.of(keptEarlier)))).isInstanceOf(Refusal.class)
                .hasMessageContaining("the previous content was put back");
        assertThat(Trees4Test.snapshot(target)).isEqualTo(targetBefore);
        assertThat(Trees4Test.snapshot(keptEarlier)).isEqualTo(keptBefore);
        assertThat(same(target.resolve("docs/same.md"), dir.resolve("kept-now/docs.failed-restore/same.md"))).isTrue();
        try (var kept = Files.walk(keptEarlier)) {
            for (Path file : kept.filter(Files::isRegularFile).toList()) {
                try (var live = Files.walk(target)) {
                    for (Path path : live.filter(Files::isRegularFile).toList()) {
                        assertThat(same(path, file)).as(path + " and " + file).isFalse();
                    }
                }
            }
        }
    }
}
