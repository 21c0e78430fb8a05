package dev.runbook.action;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * backup.find: the newest (or oldest) backup folder in a folder whose name matches a glob. Names
 * decide, not mtimes: backup.create's YYYY-MM-DD-HHMMSS names sort by time, and a copied backup
 * keeps its name but not necessarily its mtime. Folders being written (".name.partial-*") never match.
 */
final class BackupFind implements BuiltIn {

    static final Param<Path> DIR = Param.path("dir", "The folder that holds backups.", ".praxis-os/.backups")
            .required();
    static final Param<String> PATTERN = Param.string("pattern", "Glob the backup's folder name must match.",
            "\"2025-*\"").byDefault("????-??-??-??????");
    static final Param<String> PICK = Param.oneOf("pick", List.of("newest", "oldest"), "Which match to take, by name "
            + "(timestamp names sort by time).", "oldest").byDefault("newest");

    static final Output<Path> PATH = Output.path("path", "The backup folder found.");
    static final Output<String> NAME = Output.string("name", "Its name.");

    private static final ActionSpec SPEC = ActionSpec.define("backup.find", "Find a backup folder: the newest (or "
                    + "oldest) whose name matches a pattern, such as the YYYY-MM-DD-HHMMSS names backup.create gives.")
            .readOnly()
            .params(DIR, PATTERN, PICK)
            .outputs(PATH, NAME)
            .plan("find the {pick} backup in {dir}[ named like {pattern}]")
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of("found " + outcome.outputs().get(PATH.name())),
                outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path dir = BackupSteps.path(context, DIR);
        String pattern = context.get(PATTERN);
        PathMatcher glob;
        try {
            glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw ActionException.refused("pattern " + pattern + " is not a glob: " + e.getMessage(), e);
        }
        List<Path> matches = BackupSteps.before("cannot list " + dir, () -> {
            if (!Files.isDirectory(dir)) {
                throw ActionException.refused("backup folder " + dir + " does not exist");
            }
            try (var list = Files.list(dir)) {
                return list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> glob.matches(p.getFileName())).sorted().toList();
            }
        });
        if (matches.isEmpty()) {
            throw ActionException.refused("no backup in " + dir + " is named like " + pattern);
        }
        Path found = context.get(PICK).equals("oldest") ? matches.get(0) : matches.get(matches.size() - 1);
        return Outcome.ok(new Outputs().put(PATH, found).put(NAME, found.getFileName().toString()).map());
    }
}
