package dev.runbook.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checksum list in exactly the format of GNU {@code sha256sum}: {@code HEX  NAME} per line,
 * names escaped as coreutils does (see {@link Escapes}), so {@code sha256sum -c SHA256SUMS} run in
 * the backup folder checks it with no runbook at hand.
 */
public final class Sha256Sums {

    private Sha256Sums() {
    }

    public static String format(Map<String, String> sumsByName) {
        StringBuilder out = new StringBuilder();
        sumsByName.forEach((name, sum) -> {
            if (Escapes.needsEscape(name)) {
                out.append('\\').append(sum).append("  ").append(Escapes.escape(name)).append('\n');
            } else {
                out.append(sum).append("  ").append(name).append('\n');
            }
        });
        return out.toString();
    }

    public static void write(Path file, Map<String, String> sumsByName) throws IOException {
        Durable.writeString(file, format(sumsByName));
    }

    /** Name to checksum, in file order; a line that is not a checksum line is a refusal naming it. */
    public static Map<String, String> read(Path file) throws IOException, Refusal {
        Map<String, String> sums = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean escaped = line.startsWith("\\");
            String body = escaped ? line.substring(1) : line;
            if (body.length() < 66 || !isHex64(body)
                    || body.charAt(64) != ' ' || (body.charAt(65) != ' ' && body.charAt(65) != '*')) {
                throw new Refusal(file.getFileName() + " line " + (i + 1) + " is not a sha256sum line ("
                        + "expected 64 hex digits, two spaces, a name); is this the checksum manifest?");
            }
            String name = escaped ? Escapes.unescape(body.substring(66)) : body.substring(66);
            if (sums.put(name, body.substring(0, 64).toLowerCase(java.util.Locale.ROOT)) != null) {
                throw new Refusal(file.getFileName() + " line " + (i + 1) + " lists " + Escapes.quote(name) + " twice");
            }
        }
        return sums;
    }

    /** Whether the line starts with 64 hex digits (a loop: a regex per line cost ~40% of reading 8,000 lines). */
    private static boolean isHex64(String line) {
        for (int i = 0; i < 64; i++) {
            char c = line.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
