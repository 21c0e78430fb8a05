package dev.runbook.action;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Files and bytes under a path (the path itself when it is a file), for file.check, disk.check and
 * forensics.collect; links are counted, never followed.
 */
record Tally(long files, long bytes) {

    static Tally of(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return new Tally(1, Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .size());
        }
        long[] counts = new long[2];
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                counts[0]++;
                counts[1] += attrs.isRegularFile() ? attrs.size() : 0;
                return FileVisitResult.CONTINUE;
            }
        });
        return new Tally(counts[0], counts[1]);
    }
}
