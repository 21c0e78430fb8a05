package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a restored target against what was staged: the same names, kinds and link targets, and
 * every file the very staged file (same device and inode, size, mode and mtime). Staging hashed
 * each file's bytes as they were written into it and matched them with the manifest; a file
 * that is still that inode, unchanged, holds those bytes. Reading 500 MB back to hash it again
 * would re-read the page cache the copy just filled: it cost as much as the copy's own hashing
 * and found nothing this check does not.
 */
final class Verification {

    private Verification() {
    }

    /** A regular file's identity: which file it is and the metadata a change would move. */
    static String identity(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return "file " + attributes.fileKey() + " size " + attributes.size() + " mode "
                + Integer.toOctalString(Trees.mode(attributes.permissions())) + " mtime " + attributes.lastModifiedTime();
    }

    static List<String> compare(Path target, Map<String, String> expected) throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        for (Entry entry : Trees.scan(target, "", name -> false)) {
            actual.put(entry.name(), entry.isFile()
                    ? identity(entry.name().isEmpty() ? target : target.resolve(entry.name())) : Staging.identity(entry));
        }
        List<String> problems = new ArrayList<>();
        expected.forEach((name, identity) -> {
            String found = actual.remove(name);
            if (found == null) {
                problems.add("missing " + Escapes.quote(name));
            } else if (!found.equals(identity)) {
                problems.add(Escapes.quote(name) + " is not what was staged (now " + found + "; staged " + identity + ")");
            }
        });
        actual.keySet().forEach(name -> problems.add("unexpected " + Escapes.quote(name)));
        return problems;
    }
}
