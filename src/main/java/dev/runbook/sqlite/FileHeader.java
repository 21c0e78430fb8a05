package dev.runbook.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The first 100 bytes of a database file, read without SQLite. SQLite opens a 0-byte file as a
 * valid empty database and reports some damage only lazily, so the checks ask the file first:
 * what it is, and whether it is as long as its header says.
 *
 * @param pageCount the header's page count, or 0 when the header's count is stale (a file last
 *                  written by a very old SQLite), in which case the size cannot be checked
 */
public record FileHeader(long bytes, int pageSize, long pageCount) {

    static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH = 100;

    /** What is wrong with the file before SQLite even reads it, or empty when it looks like a database. */
    public static Optional<String> problem(Path file) {
        try {
            read(file);
            return Optional.empty();
        } catch (NotADatabase e) {
            return Optional.of(e.getMessage());
        }
    }

    public static FileHeader read(Path file) throws NotADatabase {
        if (!Files.exists(file)) {
            throw new NotADatabase(file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new NotADatabase(file + " is a folder, not a database");
        }
        byte[] head = new byte[LENGTH];
        long bytes;
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = Files.size(file);
            got = in.readNBytes(head, 0, LENGTH);
        } catch (IOException e) {
            throw new NotADatabase(file + ": cannot read: " + e.getMessage());
        }
        if (bytes == 0) {
            throw new NotADatabase(file + " is empty (0 bytes): not a database");
        }
        if (got < LENGTH || !java.util.Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NotADatabase(file + " is not an SQLite database (" + bytes + " bytes, no \"SQLite format 3\" "
                    + "header)");
        }
        ByteBuffer header = ByteBuffer.wrap(head);
        int pageSize = Short.toUnsignedInt(header.getShort(16));
        pageSize = pageSize == 1 ? 65_536 : pageSize;
        long pageCount = Integer.toUnsignedLong(header.getInt(28));
        boolean countValid = header.getInt(24) == header.getInt(92) && pageCount > 0;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw new NotADatabase(file + " has a damaged header (page size " + pageSize + ")");
        }
        FileHeader result = new FileHeader(bytes, pageSize, countValid ? pageCount : 0);
        if (countValid && bytes < pageCount * pageSize) {
            throw new NotADatabase(file + " is truncated: " + bytes + " bytes, but its header says " + pageCount
                    + " pages of " + pageSize + " bytes (" + pageCount * pageSize + " bytes)");
        }
        return result;
    }

    /** A file that SQLite would not (or should not) be trusted to open as a database. */
    public static final class NotADatabase extends Exception {
        private static final long serialVersionUID = 1L;

        NotADatabase(String message) {
            super(message, null, false, false);
        }
    }
}
