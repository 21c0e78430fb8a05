package dev.runbook.saved;

import dev.runbook.files.Sha256;
import dev.runbook.json.PlainJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The plan file: a first line {@code runbook-plan 1 sha256:HEX} and then the plan as JSON, whose
 * bytes that checksum covers. The checksum is the plan's identity: what an approval names, what
 * the journal records and what "applied once" is about. A file cut short or edited by a byte no
 * longer matches it and is refused as damaged. Written to a temporary file and renamed, so a
 * reader never sees half a plan.
 */
public final class PlanFile {

    static final String MAGIC = "runbook-plan 1 sha256:";

    private PlanFile() {
    }

    /** A plan read back, with its checksum. */
    public record Read(SavedPlan plan, String sha256) {
    }

    /** Writes {@code plan} to {@code file} and returns its checksum. */
    public static String write(Path file, SavedPlan plan) throws IOException {
        byte[] body = PlainJson.writePretty(plan.toMap()).getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(body);
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        byte[] header = (MAGIC + sha256 + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        Files.write(temporary, all);
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return sha256;
    }

    @SuppressWarnings("unchecked")
    public static Read read(Path file) throws BadPlan {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadPlan("cannot read plan '" + file + "': no such file", "save one with runbook run FILE "
                    + "--dry-run --save-plan " + file);
        } catch (IOException e) {
            throw new BadPlan("cannot read plan '" + file + "': " + e.getMessage(), null);
        }
        int newline = indexOf(bytes, (byte) '\n');
        String first = new String(bytes, 0, Math.max(newline, 0), StandardCharsets.US_ASCII);
        if (newline < 0 || !first.startsWith(MAGIC) || first.length() != MAGIC.length() + 64) {
            throw new BadPlan(file + ": not a saved plan (its first line is not '" + MAGIC + "...')",
                    "name the file written by runbook run --dry-run --save-plan");
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, newline + 1, bytes.length);
        String expected = first.substring(MAGIC.length());
        String actual = sha256(body);
        if (!actual.equals(expected)) {
            throw new BadPlan(file + ": damaged plan: its content has sha256 " + actual.substring(0, 12)
                    + ", its first line says " + expected.substring(0, 12) + " (cut short or edited)",
                    "save the plan again with runbook run --dry-run --save-plan");
        }
        try {
            return new Read(SavedPlan.fromMap((Map<String, Object>) PlainJson.read(new String(body,
                    StandardCharsets.UTF_8))), actual);
        } catch (IOException | RuntimeException e) {
            throw new BadPlan(file + ": not a plan this version can read: " + e.getMessage(),
                    "save the plan again with this version of runbook");
        }
    }

    private static String sha256(byte[] bytes) {
        java.security.MessageDigest digest = Sha256.digest();
        digest.update(bytes);
        return Sha256.hex(digest);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
