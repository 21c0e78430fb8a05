package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's checksum is remembered beside it, on real files: the record is read while the jar's
 * size and time are those recorded, and ignored (the jar hashed again) once either changes; a
 * record that cannot be written only costs the hashing.
 */
class PayloadTest {

    @TempDir
    Path dir;

    @Test
    void theChecksumIsRememberedBesideTheJarUntilTheJarChanges() throws Exception {
        Path jar = dir.resolve("runbook.jar");
        byte[] bytes = new byte[3 << 20];
        new Random(7).nextBytes(bytes);
        Files.write(jar, bytes);
        String real = sha256(bytes);

        Payload first = Payload.ofJar(jar, "runbook.jar");

        assertThat(first.sha256()).isEqualTo(real);
        Path record = dir.resolve("runbook.jar.sha256");
        assertThat(Files.readString(record)).isEqualTo(real + " " + bytes.length + " "
                + Files.getLastModifiedTime(jar).toMillis() + "\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("runbook.jar",
                    "runbook.jar.sha256");
        }

        // The record is what is read while it matches the jar: a planted checksum shows it was not hashed.
        String planted = "ab".repeat(32);
        Files.writeString(record, Files.readString(record).replace(real, planted));
        assertThat(Payload.ofJar(jar, "runbook.jar").sha256()).isEqualTo(planted);

        // A rebuilt jar (another time) is hashed again, and the record follows it.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        assertThat(Payload.ofJar(jar, "runbook.jar").sha256()).isEqualTo(real);
        assertThat(Files.readString(record)).startsWith(real + " ");

        // So is one of another size with the same time.
        long time = Files.getLastModifiedTime(jar).toMillis();
        Files.write(jar, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(time));
        assertThat(Payload.ofJar(jar, "runbook.jar").sha256()).isEqualTo(sha256(new byte[] {1, 2, 3}));
    }

    @Test
    void aRecordThatCannotBeWrittenOnlyCostsTheHashingAndLeavesNothingBehind() throws Exception {
        Path jar = Files.write(dir.resolve("runbook.jar"), new byte[] {4, 5, 6});
        // A non-empty folder where the record would go: neither read nor replaced, whoever runs this.
        Files.writeString(Files.createDirectory(dir.resolve("runbook.jar.sha256")).resolve("x"), "x");

        assertThat(Payload.ofJar(jar, "runbook.jar").sha256()).isEqualTo(sha256(new byte[] {4, 5, 6}));
        assertThat(Payload.ofJar(jar, "runbook.jar").sha256()).isEqualTo(sha256(new byte[] {4, 5, 6}));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("runbook.jar",
                    "runbook.jar.sha256");
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
