package dev.runbook.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last {@code capacity} bytes of a stream, and how many bytes went past. Starts small and
 * grows to the capacity, so a command that prints little does not cost 64 KiB per stream.
 */
final class TailBuffer {

    private final int capacity;
    private byte[] ring = new byte[1024];
    private int start;
    private int size;
    private long total;

    TailBuffer(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(byte[] bytes, int offset, int length) {
        total += length;
        if (length >= capacity) {
            ring = ensure(capacity);
            System.arraycopy(bytes, offset + length - capacity, ring, 0, capacity);
            start = 0;
            size = capacity;
            return;
        }
        if (size + length > ring.length && ring.length < capacity) {
            grow(Math.min(capacity, Math.max(ring.length * 2, size + length)));
        }
        int cap = ring.length;
        int drop = Math.max(0, size + length - cap);
        start = (start + drop) % cap;
        size -= drop;
        int end = (start + size) % cap;
        int first = Math.min(length, cap - end);
        System.arraycopy(bytes, offset, ring, end, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        size += length;
    }

    synchronized long total() {
        return total;
    }

    /**
     * The kept bytes as UTF-8 text (malformed bytes become U+FFFD). When the start was cut off, the
     * continuation bytes of a character split by the cut are dropped rather than shown as garbage.
     */
    synchronized String text() {
        return decode(linear(), total > size);
    }

    /** UTF-8 text of bytes whose start was {@code cut} off a longer stream (see {@link #text}). */
    static String decode(byte[] bytes, boolean cut) {
        int skip = 0;
        while (cut && skip < bytes.length && skip < 3 && (bytes[skip] & 0xC0) == 0x80) {
            skip++;
        }
        return new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8);
    }

    private byte[] ensure(int length) {
        return ring.length == length ? ring : new byte[length];
    }

    private void grow(int length) {
        byte[] bigger = Arrays.copyOf(linear(), length);
        ring = bigger;
        start = 0;
    }

    private byte[] linear() {
        byte[] linear = new byte[size];
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, linear, 0, first);
        System.arraycopy(ring, 0, linear, first, size - first);
        return linear;
    }
}
