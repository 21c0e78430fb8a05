package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.ValueType;
import java.util.List;

/** MIGRATION ONLY: forensics.collect, file.check, json.set and disk.check until they are classes. */
final class InspectActions {

    private InspectActions() {
    }

    static List<ActionSpec> all() {
        return List.of(
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
