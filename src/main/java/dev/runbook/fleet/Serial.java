package dev.runbook.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * --serial: how many hosts each wave has, as Ansible's {@code serial}: a number, a percentage of the
 * selected hosts, or a list of them ({@code 1,25%,100%}) whose last entry repeats until every host
 * had its wave. A percentage rounds down, but a wave has at least one host. Without --serial, all
 * hosts are one wave.
 */
public record Serial(List<String> sizes) {

    public static final Serial ALL = new Serial(List.of("100%"));

    public Serial {
        sizes = List.copyOf(sizes);
    }

    /** Parses the option; a bad entry is a one-line reason naming it. */
    public static Serial parse(String text) {
        List<String> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            String size = part.trim();
            if (!size.matches("[1-9][0-9]{0,6}%?") || size.endsWith("%") && Integer.parseInt(size.replace("%", "")) > 100) {
                throw new IllegalArgumentException("--serial: '" + size + "' is not a host count (1 and up) or a "
                        + "percentage (1% to 100%)");
            }
            sizes.add(size);
        }
        return new Serial(sizes);
    }

    /** The hosts split into waves, in order. */
    public <T> List<List<T>> waves(List<T> hosts) {
        List<List<T>> waves = new ArrayList<>();
        int next = 0;
        for (int i = 0; next < hosts.size(); i++) {
            int size = size(sizes.get(Math.min(i, sizes.size() - 1)), hosts.size());
            waves.add(List.copyOf(hosts.subList(next, Math.min(hosts.size(), next + size))));
            next += size;
        }
        return waves;
    }

    private static int size(String entry, int total) {
        if (entry.endsWith("%")) {
            return Math.max(1, Integer.parseInt(entry.substring(0, entry.length() - 1)) * total / 100);
        }
        return Integer.parseInt(entry);
    }

    @Override
    public String toString() {
        return String.join(",", sizes);
    }
}
