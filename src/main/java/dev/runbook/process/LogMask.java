package dev.runbook.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces a run's secret values with {@code ***} in the bytes a command writes to its step log, so a
 * secret a command prints is not on disk in the clear (the journal and the events mask the same
 * values in the {@code stdout} and {@code stderr} outputs). Works on bytes, so output that is not
 * UTF-8 is written as it came. The log is written in whole lines, and a secret is found inside a
 * line; a secret of several lines is masked line by line (each of its lines of 4 or more bytes,
 * wherever it appears), since its lines may reach the log in different writes.
 */
final class LogMask {

    static final LogMask NONE = new LogMask(List.of());

    private static final byte[] MASK = "***".getBytes(StandardCharsets.UTF_8);
    private static final int SHORTEST_LINE = 4;

    private final List<byte[]> patterns;

    private LogMask(List<byte[]> patterns) {
        this.patterns = patterns;
    }

    static LogMask of(List<String> secrets) {
        List<byte[]> patterns = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            patterns.add(secret.getBytes(StandardCharsets.UTF_8));
            if (secret.contains("\n")) {
                for (String line : secret.split("\r?\n")) {
                    if (line.getBytes(StandardCharsets.UTF_8).length >= SHORTEST_LINE) {
                        patterns.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        patterns.sort(Comparator.comparingInt((byte[] p) -> p.length).reversed());
        return patterns.isEmpty() ? NONE : new LogMask(List.copyOf(patterns));
    }

    boolean none() {
        return patterns.isEmpty();
    }

    /** The bytes with every secret masked; {@code null} when there was nothing to mask. */
    byte[] apply(byte[] bytes, int offset, int length) {
        byte[] text = null;
        int size = length;
        for (byte[] pattern : patterns) {
            byte[] source = text == null ? bytes : text;
            int start = text == null ? offset : 0;
            int at = indexOf(source, start, size, pattern);
            if (at < 0) {
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(size);
            int from = start;
            while (at >= 0) {
                out.write(source, from, at - from);
                out.write(MASK, 0, MASK.length);
                from = at + pattern.length;
                at = indexOf(source, from, start + size - from, pattern);
            }
            out.write(source, from, start + size - from);
            text = out.toByteArray();
            size = text.length;
        }
        return text;
    }

    private static int indexOf(byte[] bytes, int from, int length, byte[] pattern) {
        int last = from + length - pattern.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
