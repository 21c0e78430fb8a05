package dev.runbook.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small prAxIs OS install, its backup, and the drift an upgrade leaves behind. */
final class Praxis4Test {

    private Praxis4Test() {
    }

    /** Makes dir/.praxis-os and backs it up into dir/backups/good; returns the backup. */
    static Path installAndBackUp(Path dir) throws Exception {
        Path target = dir.resolve(".praxis-os");
        Trees4Test.write(target.resolve("mcp_server/a.py"), "def a():\n    return 1\n\n\nprint(a())\n");
        Trees4Test.write(target.resolve("mcp_server/b.py"), "B = 2\n");
        Trees4Test.write(target.resolve("mcp_server/sub/c.sh"), "#!/bin/sh\necho c\n");
        Files.setPosixFilePermissions(target.resolve("mcp_server/sub/c.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(target.resolve("mcp_server/current"), Path.of("sub/c.sh"));
        Trees4Test.write(target.resolve("config.json"), "{\"version\": \"1.0\"}\n");
        Trees4Test.write(target.resolve("workflows/std.md"), "standard\n");
        Trees4Test.write(target.resolve("workflows/local-mine.md"), "mine, v1\n");
        for (Path file : List.of(target.resolve("mcp_server/a.py"), target.resolve("config.json"))) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-10-08T10:30:45Z")));
        }
        Selection selection = Selection.of(target, List.of("mcp_server", "config.json", "workflows"), List.of());
        BackupWriter.write(target, selection, dir.resolve("backups"), "good", Map.of());
        return dir.resolve("backups/good");
    }

    /** What a failed upgrade changes. */
    static void drift(Path dir) throws Exception {
        Path target = dir.resolve(".praxis-os");
        Files.writeString(target.resolve("mcp_server/a.py"), "def a():\n    return 2\n\n\nprint(a())\n");
        Files.delete(target.resolve("mcp_server/b.py"));
        Files.writeString(target.resolve("mcp_server/new.py"), "NEW = True\n");
        Files.setPosixFilePermissions(target.resolve("mcp_server/sub/c.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(target.resolve("config.json"), "{\"version\": \"2.0\"}\n");
        Files.writeString(target.resolve("workflows/local-mine.md"), "mine, v2 (edited after the backup)\n");
        Files.writeString(target.resolve("workflows/local-new.md"), "made after the backup\n");
    }
}
