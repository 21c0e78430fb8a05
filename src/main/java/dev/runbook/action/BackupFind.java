package dev.runbook.action;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;

/**
 * backup.find: the newest (or oldest) backup folder in a folder whose name matches a glob. Names
 * decide, not mtimes: backup.create's YYYY-MM-DD-HHMMSS names sort by time, and a copied backup
 * keeps its name but not necessarily its mtime. Folders being written (".name.partial-*") never match.
 */
final class BackupFind implements Action {

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of("found " + outcome.outputs().get("path")), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path dir = FileImplementations.path(context, context.args().required("dir"));
        String pattern = context.args().required("pattern");
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> matches = FileImplementations.refusing("cannot list " + dir, () -> {
            if (!Files.isDirectory(dir)) {
                throw new ActionException("backup folder " + dir + " does not exist");
            }
            try (var list = Files.list(dir)) {
                return list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> glob.matches(p.getFileName())).sorted().toList();
            } catch (IOException e) {
                throw e;
            }
        });
        if (matches.isEmpty()) {
            throw new ActionException("no backup in " + dir + " is named like " + pattern);
        }
        Path found = context.args().required("pick").equals("oldest") ? matches.get(0) : matches.get(matches.size() - 1);
        return Outcome.ok(Map.of("path", found.toString(), "name", found.getFileName().toString()));
    }
}
