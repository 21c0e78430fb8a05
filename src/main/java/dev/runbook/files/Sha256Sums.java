package dev.runbook.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checksum list. Written in exactly the format of GNU {@code sha256sum}: {@code HEX  NAME} per
 * line, names escaped as coreutils does (see {@link Escapes}), so {@code sha256sum -c SHA256SUMS} run
 * in the backup folder checks it with no runbook at hand. Read in every form sha256sum -c reads,
 * since hand-made backups carry lists made by sha256sum, shasum or find | xargs.
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

    /**
     * Name to checksum, in file order, from a list in any form {@code sha256sum -c} reads (see
     * {@link ChecksumLine}); comment and empty lines are skipped as sha256sum skips them. Names come
     * back normalised ({@code ./a//b} is {@code a/b}) but not checked: the caller checks every one.
     * A line that is not a checksum line is a refusal naming it.
     */
    public static Map<String, String> read(Path file) throws IOException, Refusal {
        Map<String, String> sums = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        List<String> lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String line = withoutCarriageReturn(lines.get(i));
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            ChecksumLine parsed = ChecksumLine.parse(line).orElseThrow(() -> new Refusal(file.getFileName() + " line "
                    + number + " is not a SHA-256 checksum line (expected 'HEX  NAME' as sha256sum "
                    + "writes, or 'SHA256 (NAME) = HEX' as sha256sum --tag writes); is this the checksum list?"));
            String name = EntryNames.normalise(parsed.name());
            String earlier = sums.put(name, parsed.sha256());
            if (earlier != null && !earlier.equals(parsed.sha256())) {
                throw new Refusal(file.getFileName() + " line " + number + " lists " + Escapes.quote(name)
                        + " again with another checksum (first as " + Escapes.quote(written.get(name)) + ")");
            }
            written.putIfAbsent(name, parsed.name());
        }
        return sums;
    }

    /**
     * Whether the file is a checksum list: at least one checksum line and nothing but checksum,
     * comment and empty lines. Stops at the first other line, so a large file that is not one is
     * not read to its end; a file that is not UTF-8 text is not one.
     */
    public static boolean isChecksumList(Path file) {
        int found = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (ChecksumLine.parse(line).isEmpty()) {
                    return false;
                }
                found++;
            }
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        return found > 0;
    }

    private static String withoutCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
