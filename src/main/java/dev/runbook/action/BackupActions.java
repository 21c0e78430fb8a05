package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
import java.util.List;

/** Backups of files and folders: create, verify, restore; forensics; free space. */
final class BackupActions {

    static final ValueType SIZE_RANGE = new ValueType.Obj("size range", List.of(
            Field.optional("min", ValueType.SIZE, "Smallest acceptable size.", "500KB"),
            Field.optional("max", ValueType.SIZE, "Largest acceptable size.", "2MB")));

    static final ValueType EXPECT = new ValueType.Obj("expect", List.of(
            Field.optional("min_files", ValueType.INT, "At least this many files.", "20"),
            Field.optional("expect_files", ValueType.INT, "Exactly this many files.", "21"),
            Field.optional("present", ValueType.STRINGS, "Entries that must be in the backup.",
                    "[database/tmws.db.backup]"),
            Field.optional("sizes", new ValueType.MapOf(SIZE_RANGE), "Size ranges of named entries.",
                    "{ database/tmws.db.backup: { min: 500KB, max: 2MB } }")));

    private BackupActions() {
    }

    static List<ActionSpec> all() {
        return List.of(
                define("backup.create", "Copy paths into a new timestamped backup folder (never overwriting "
                        + "one) with a sha256sum-compatible manifest, metadata and a human summary.")
                        .required("paths", ValueType.STRINGS, "Files, folders or globs, relative to root.",
                                "[mcp_server, config.json, standards]")
                        .optional("root", ValueType.PATH, ".", "The folder the paths are relative to.",
                                "\"{{ params.app_dir }}\"")
                        .required("to", ValueType.PATH, "The folder that holds backups; a new one is made inside.",
                                ".praxis-os/.backups")
                        .optional("name", ValueType.STRING, "Name of the new backup (default: YYYY-MM-DD-HHMMSS).",
                                "pre-phase4")
                        .optional("exclude", ValueType.STRINGS, "Globs to leave out.", "[\"**/__pycache__/**\"]")
                        .output("path", "path", "The new backup folder.")
                        .output("files", "int", "Files copied.")
                        .output("bytes", "int", "Bytes copied.")
                        .plan("back up {paths} from {root} into {to}")
                        .build(),
                define("backup.verify", "Check a backup against its manifest: every checksum, missing and extra "
                        + "files, expected counts and sizes. Reports every mismatch, not just the first.")
                        .readOnly()
                        .required("dir", ValueType.PATH, "The backup folder.", "backups/pre-phase4")
                        .optional("manifest", ValueType.STRING, "SHA256SUMS", "Manifest file inside the backup.",
                                "SHA256SUMS")
                        .optional("expect", EXPECT, "Counts and sizes the backup must have.",
                                "{ min_files: 20 }")
                        .output("files", "int", "Files checked.")
                        .output("bytes", "int", "Bytes checked.")
                        .output("mismatches", "int", "Problems found (0 when the backup is sound).")
                        .plan("verify backup {dir} against {manifest}")
                        .build(),
                define("backup.restore", "Restore files and folders from a backup atomically: staged beside the "
                        + "target, fsynced, renamed into place; what was there is kept until verification passes.")
                        .required("from", ValueType.PATH, "The backup folder.", "\"{{ steps['find-backup'].outputs.path }}\"")
                        .required("to", ValueType.PATH, "The target root the backup's entries go back into.",
                                ".praxis-os")
                        .optional("paths", ValueType.STRINGS, "Entries to restore (default: all).",
                                "[mcp_server, config.json]")
                        .optional("preserve", ValueType.STRINGS, "Globs in the target never overwritten or removed.",
                                "[\"workflows/local-*\"]")
                        .optional("mirror", ValueType.BOOL, "true", "Remove files in restored folders that the "
                                + "backup does not have.", "false")
                        .optional("keep_current_as", ValueType.PATH, "Keep what was there under this name "
                                + "(default: the run's forensics folder).", "\"{{ vars.aside }}\"")
                        .output("added", "int", "Files added.")
                        .output("replaced", "int", "Files replaced.")
                        .output("removed", "int", "Files removed.")
                        .output("unchanged", "int", "Files already equal.")
                        .output("preserved", "int", "Files kept because of preserve.")
                        .output("kept_as", "path", "Where the previous content was kept.")
                        .plan("restore {paths} from {from} into {to}[, keeping the current files as {keep_current_as}]")
                        .build(),
                define("file.restore", "Restore one file or folder from a path, atomically, keeping what was "
                        + "there.")
                        .required("from", ValueType.PATH, "The file or folder to copy back.",
                                "backups/pre-phase4/config/alembic.ini")
                        .required("to", ValueType.PATH, "Where it goes.", "alembic.ini")
                        .optional("preserve", ValueType.STRINGS, "Globs in the target never overwritten or removed.",
                                "[\"local-*\"]")
                        .optional("keep_current_as", ValueType.PATH, "Keep what was there under this name.",
                                "alembic.ini.failed")
                        .output("replaced", "int", "Files replaced.")
                        .output("added", "int", "Files added.")
                        .output("removed", "int", "Files removed.")
                        .output("kept_as", "path", "Where the previous content was kept.")
                        .plan("restore {to} from {from}[, keeping the current one as {keep_current_as}]")
                        .build(),
                define("forensics.collect", "Copy the failed state (files, folders, command output) into a "
                        + "forensics folder with a manifest; a missing path is recorded, not fatal.")
                        .idempotent()
                        .optional("paths", ValueType.STRINGS, "Files and folders to keep.",
                                "[data/tmws.db, migrations/versions]")
                        .optional("commands", new ValueType.MapOf(ValueType.ARGV), "Commands whose output to "
                                + "keep, by file name.", "{ processes: [ps, aux] }")
                        .optional("to", ValueType.PATH, "forensics/{{ run.id }}", "The forensics folder.",
                                "forensics/phase4-failure")
                        .output("path", "path", "The forensics folder.")
                        .output("collected", "int", "Entries collected.")
                        .output("missing", "list", "Paths that did not exist.")
                        .plan("collect {paths}[ and output of {commands}] into {to}")
                        .build(),
                define("disk.check", "Check that a filesystem has enough free space.")
                        .readOnly()
                        .required("path", ValueType.PATH, "A path on the filesystem to check.", ".praxis-os")
                        .optional("min_free", ValueType.SIZE, "Free space needed.", "1GB")
                        .optional("for_backup", ValueType.PATH, "Need at least the size of this backup or path.",
                                "backups/pre-phase4")
                        .exactlyOneOf("min_free", "for_backup")
                        .output("free_bytes", "int", "Free bytes available.")
                        .output("needed_bytes", "int", "Bytes that were needed.")
                        .plan("check free space at {path}[ (at least {min_free})][ (room for {for_backup})]")
                        .build());
    }
}
