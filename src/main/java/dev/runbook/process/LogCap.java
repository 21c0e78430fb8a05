package dev.runbook.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size limit of a step's log. A command that prints without end (a 1.37 GB log was seen) must
 * not fill the disk the run's state lives on, and what explains a failure is at the end. So when a
 * log grows past {@link #CAP_BYTES} it is cut to its last {@link #KEEP_BYTES} (from a line start),
 * under a first line saying how many bytes were cut in all: the file then grows again to the cap.
 * Each cut rewrites at most {@code KEEP_BYTES}, once per {@code CAP_BYTES - KEEP_BYTES} written,
 * so a capped log costs at most one more write of what the command printed. The cut is a new file
 * renamed over the log, so a kill mid-cut leaves the old log whole.
 */
final class LogCap {

    static final long CAP_BYTES = 16L * 1024 * 1024;
    static final long KEEP_BYTES = 8L * 1024 * 1024;

    private static final Pattern MARKER = Pattern.compile(
            "^\\[runbook: (\\d+) bytes cut from the start of this log; logs keep their last 8-16 MiB\\]\n");
    private static final int MARKER_MAX = 120;

    private LogCap() {
    }

    static String marker(long cut) {
        return "[runbook: " + cut + " bytes cut from the start of this log; logs keep their last 8-16 MiB]\n";
    }

    /** Cuts {@code file} to its tail under a marker; returns the new length. */
    static long cut(Path file, long keep) throws IOException {
        byte[] tail;
        long length;
        long earlier;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            length = in.length();
            earlier = earlierCut(in);
            int size = (int) Math.min(keep, length);
            tail = new byte[size];
            in.seek(length - size);
            in.readFully(tail);
        }
        int from = lineStart(tail);
        long cut = Math.max(0, earlier) + length - (tail.length - from) - markerLength(earlier);
        byte[] marker = marker(cut).getBytes(StandardCharsets.US_ASCII);
        Path next = file.resolveSibling(file.getFileName() + ".cut");
        try (var out = Files.newOutputStream(next)) {
            out.write(marker);
            out.write(tail, from, tail.length - from);
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return marker.length + tail.length - from;
    }

    /** Bytes an earlier cut already removed, read from the marker at the start (0 without one). */
    private static long earlierCut(RandomAccessFile in) throws IOException {
        byte[] head = new byte[(int) Math.min(MARKER_MAX, in.length())];
        in.seek(0);
        in.readFully(head);
        Matcher m = MARKER.matcher(new String(head, StandardCharsets.ISO_8859_1));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long markerLength(long earlier) {
        return earlier < 0 ? 0 : marker(earlier).length();
    }

    /** Where the first whole line of the tail begins (the tail itself when it holds no newline). */
    private static int lineStart(byte[] tail) {
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] == '\n') {
                return i + 1 < tail.length ? i + 1 : 0;
            }
        }
        return 0;
    }
}
