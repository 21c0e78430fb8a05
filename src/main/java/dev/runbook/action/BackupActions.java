package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
import java.util.List;

/** Backups of files and folders: create, verify, restore; forensics; free space. */
final class BackupActions {

    private static final String REUSE = "Hard-link files already on disk that hold the very bytes (the target's "
            + "own at the same place, or files an earlier restore of this run kept aside) instead of copying them, "
            + "each checked against the expected checksum; the kept copies then share those files with the target.";

    private static final String LINKED = "Files hard-linked from a file already on disk with the same bytes (the "
            + "target's own, or one this run kept aside earlier) instead of copied.";

    private static final String MANIFEST = "The checksum list inside the backup, in any form sha256sum -c reads "
            + "(./ prefixes, * markers, escaped names) or the BSD tag form (sha256sum --tag, shasum --tag). Left out: "
            + "SHA256SUMS, else the one *.sha256 or *.sha256sum file, else the one file at the backup's top whose "
            + "lines are all checksum lines (\"\" too: a runbook's parameter can default to finding it); the file used is "
            + "named in the outputs and on the console.";

    private static final String CHECKSUMS = "none: the backup has no checksum list; check what can be checked "
            + "without one (the listing, counts, sizes) and say \"checksums not verified\" in every output.";

    private static final String USED = "The checksum list used (empty with checksums: none).";

    private static final String NOTES = "Lines to read even on success: which checksum list was used, or that "
            + "checksums were not verified.";

    private static final String KEEP_EXTRA = "Folders (globs) where everything the source does not have stays "
            + "in place, at any depth (new folders and new files in old ones), while what it has is restored: "
            + "mirror off for those folders only, and no naming convention needed to tell what is the user's.";

    private static final String PRESERVED_FILES = "Files left in place (preserve, keep_extra, or mirror off), "
            + "sorted; the first 50 (preserved counts them all).";

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

    private static final String NOT_KEPT = "Owner, group, mode or hard links that could not be kept (not running "
            + "as root), one line per entry; empty when everything was kept.";

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
                        .optional("commands", new ValueType.MapOf(ValueType.ARGV), "Commands whose output is saved "
                                + "into the backup (and its manifest) under the given file name.",
                                "{ requirements-snapshot.txt: [pip, freeze] }")
                        .optional("sqlite", ValueType.STRINGS, "SQLite databases, relative to root, saved as "
                                + "consistent online snapshots (SQLite's backup API, while the service may write) "
                                + "under the same name, in the same manifest; their -wal, -shm and -journal files "
                                + "are left out of paths.", "[data/tmws.db]")
                        .output("path", "path", "The new backup folder.")
                        .output("files", "int", "Files copied.")
                        .output("bytes", "int", "Bytes copied.")
                        .output("metadata_not_kept", "list", NOT_KEPT)
                        .plan("back up {paths} from {root} into {to}[, databases {sqlite} as snapshots][, with the output of {commands}]")
                        .build(),
                define("backup.find", "Find a backup folder: the newest (or oldest) whose name matches a pattern, "
                        + "such as the YYYY-MM-DD-HHMMSS names backup.create gives.")
                        .readOnly()
                        .required("dir", ValueType.PATH, "The folder that holds backups.", ".praxis-os/.backups")
                        .optional("pattern", ValueType.STRING, "????-??-??-??????",
                                "Glob the backup's folder name must match.", "\"2025-*\"")
                        .optional("pick", ValueType.choice("newest", "oldest"), "newest",
                                "Which match to take, by name (timestamp names sort by time).", "oldest")
                        .output("path", "path", "The backup folder found.")
                        .output("name", "string", "Its name.")
                        .plan("find the {pick} backup in {dir}[ named like {pattern}]")
                        .build(),
                define("backup.verify", "Check a backup against its manifest: every checksum, missing and extra "
                        + "files, expected counts and sizes, and the integrity of the SQLite databases in it. "
                        + "Reports every mismatch, not just the first.")
                        .readOnly()
                        .required("dir", ValueType.PATH, "The backup folder.", "backups/pre-phase4")
                        .optional("manifest", ValueType.STRING, MANIFEST, "SHA256SUMS")
                        .optional("checksums", ValueType.choice("sha256", "none"), "sha256", CHECKSUMS, "none")
                        .optional("expect", EXPECT, "Counts and sizes the backup must have.",
                                "{ min_files: 20 }")
                        .optional("integrity", ValueType.choice("none", "quick", "full"), "full", "The check run on "
                                + "every SQLite database in the backup (a listed file with an SQLite header), "
                                + "besides its checksum.", "quick")
                        .output("files", "int", "Files checked.")
                        .output("bytes", "int", "Bytes checked.")
                        .output("databases", "int", "SQLite databases whose integrity was checked.")
                        .output("mismatches", "int", "Problems found (0 when the backup is sound).")
                        .output("manifest", "string", USED)
                        .output("checksums", "string", "\"verified\", or \"checksums not verified\" (checksums: none).")
                        .output("notes", "list", NOTES)
                        .plan("verify backup {dir}[ against {manifest}][ (checksums: {checksums})]")
                        .build(),
                define("backup.restore", "Restore files and folders from a backup atomically: staged beside the "
                        + "target, fsynced, renamed into place; what was there is kept until verification passes.")
                        .idempotent()
                        .required("from", ValueType.PATH, "The backup folder.", "\"{{ steps['find-backup'].outputs.path }}\"")
                        .required("to", ValueType.PATH, "The target root the backup's entries go back into.",
                                ".praxis-os")
                        .optional("manifest", ValueType.STRING, MANIFEST + " When from is a folder inside a backup, "
                                + "the list of the backup above it.", "SHA256SUMS")
                        .optional("checksums", ValueType.choice("sha256", "none"), "sha256", CHECKSUMS, "none")
                        .optional("paths", ValueType.STRINGS, "Entries to restore (default: all).",
                                "[mcp_server, config.json]")
                        .optional("preserve", ValueType.STRINGS, "Globs in the target never overwritten or removed.",
                                "[\"workflows/local-*\"]")
                        .optional("mirror", ValueType.BOOL, "true", "Remove files in restored folders that the "
                                + "backup does not have.", "false")
                        .optional("keep_extra", ValueType.STRINGS, KEEP_EXTRA, "[workflows]")
                        .optional("keep_current_as", ValueType.PATH, "Keep what was there under this name "
                                + "(default: the run's forensics folder).", "\"{{ vars.aside }}\"")
                        .optional("reuse", ValueType.BOOL, "false", REUSE, "true")
                        .output("added", "int", "Files added.")
                        .output("replaced", "int", "Files replaced.")
                        .output("removed", "int", "Files removed.")
                        .output("unchanged", "int", "Files already equal.")
                        .output("preserved", "int", "Files kept because of preserve.")
                        .output("kept_as", "path", "Where the previous content was kept.")
                        .output("linked", "int", LINKED)
                        .output("metadata_not_kept", "list", NOT_KEPT)
                        .output("preserved_files", "list", PRESERVED_FILES)
                        .output("manifest", "string", USED)
                        .output("checksums", "string", "\"verified\", or \"checksums not verified\" (checksums: none).")
                        .output("notes", "list", "Lines to read even on success: the checksum list used (or that "
                                + "checksums were not verified) and what was left in place.")
                        .plan("restore[ {paths}] from {from} into {to}[, keeping the current files as {keep_current_as}]")
                        .build(),
                define("file.restore", "Restore one file or folder from a path, atomically, keeping what was "
                        + "there.")
                        .idempotent()
                        .required("from", ValueType.PATH, "The file or folder to copy back.",
                                "backups/pre-phase4/config/alembic.ini")
                        .required("to", ValueType.PATH, "Where it goes.", "alembic.ini")
                        .optional("preserve", ValueType.STRINGS, "Globs in the target never overwritten or removed.",
                                "[\"local-*\"]")
                        .optional("mirror", ValueType.BOOL, "true", "For a folder: remove files the source does not "
                                + "have (false: only add and replace).", "false")
                        .optional("keep_extra", ValueType.STRINGS, KEEP_EXTRA + " Relative to the restored folder "
                                + "(\"\" or \".\" is the folder itself).", "[\"\"]")
                        .optional("keep_current_as", ValueType.PATH, "Keep what was there under this name.",
                                "alembic.ini.failed")
                        .optional("reuse", ValueType.BOOL, "false", REUSE, "true")
                        .output("replaced", "int", "Files replaced.")
                        .output("added", "int", "Files added.")
                        .output("removed", "int", "Files removed.")
                        .output("kept_as", "path", "Where the previous content was kept.")
                        .output("linked", "int", LINKED)
                        .output("metadata_not_kept", "list", NOT_KEPT)
                        .output("preserved_files", "list", PRESERVED_FILES)
                        .output("notes", "list", "Lines to read even on success: what was left in place.")
                        .plan("restore {to} from {from}[, keeping the current one as {keep_current_as}]")
                        .build(),
                define("forensics.collect", "Copy the failed state (files, folders, command output) into a "
                        + "forensics folder, each under its own short name (NAME.2 when taken), with MANIFEST.txt "
                        + "saying where each came from; a missing path is recorded, not fatal.")
                        .idempotent()
                        .optional("paths", ValueType.STRINGS, "Files and folders to keep.",
                                "[data/tmws.db, migrations/versions]")
                        .optional("commands", new ValueType.MapOf(ValueType.ARGV), "Commands whose output to "
                                + "keep, by file name.", "{ processes: [ps, aux] }")
                        .optional("to", ValueType.PATH, "The folder to collect into (default: the run's forensics "
                                + "folder, <state>/runs/<run-id>/forensics, shown as run.forensics).",
                                "forensics/phase4-failure")
                        .output("path", "path", "The forensics folder.")
                        .output("collected", "int", "Entries collected.")
                        .output("missing", "list", "Paths that did not exist.")
                        .plan("collect {paths}[ and output of {commands}] into {to}")
                        .build(),
                define("file.check", "Check a file or folder: that it exists (or not), its size, how many files a "
                        + "folder holds, or text a file contains.")
                        .readOnly()
                        .required("path", ValueType.PATH, "The file or folder.", "migrations/versions")
                        .optional("exists", ValueType.BOOL, "Must exist (true) or must not (false). Left out, the "
                                + "check only reports, unless another expectation implies the path exists.", "false")
                        .optional("min_size", ValueType.SIZE, "Smallest acceptable size of a file.", "500KB")
                        .optional("max_size", ValueType.SIZE, "Largest acceptable size of a file.", "2MB")
                        .optional("files", ValueType.INT, "A folder holds exactly this many files (not counting "
                                + "subfolders).", "12")
                        .optional("min_files", ValueType.INT, "A folder holds at least this many files, at any depth.",
                                "20")
                        .optional("contains", ValueType.STRING, "Text the file must contain.",
                                "\"{{ params.version }}\"")
                        .output("exists", "bool", "Whether the path exists.")
                        .output("size", "int", "Size of the file (0 for a folder).")
                        .output("files", "int", "Files in the folder (0 for a file).")
                        .plan("check {path}[ exists: {exists}][ holds {files} files][ holds at least {min_files} "
                                + "files][ is at least {min_size}][ is at most {max_size}][ contains {contains}]")
                        .build(),
                define("json.set", "Set fields of a JSON file (dotted paths), written atomically; the previous "
                        + "file is kept beside it. Only the fields set change in the file's text: the rest keeps its "
                        + "layout and key order, and a new field follows its neighbours' indentation.")
                        .required("file", ValueType.PATH, "The JSON file.", ".praxis-os/state/session.json")
                        .required("set", new ValueType.MapOf(ValueType.ANY), "Dotted paths and their new values.",
                                "{ metadata.status: rolled_back, metadata.rolled_back_at: \"{{ run.now }}\" }")
                        .optional("create", ValueType.BOOL, "false", "Create the file when it does not exist.", "true")
                        .output("previous", "map", "The fields' values before.")
                        .output("kept_as", "path", "Where the previous file was kept (empty when nothing was "
                                + "written).")
                        .plan("set {set} in {file}")
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
