package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libcrypto's SHA-256 through JNA against the real sha256sum and the JDK's digest. */
class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void libcryptoIsUsedHereAndAgreesWithSha256sumOnFilesOfManySizes() throws Exception {
        assertThat(Sha256.hasher()).isInstanceOf(OpenSslSha256.class);
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 55, 56, 64, 65, 4096, (1 << 20) - 1, 1 << 20, (1 << 20) + 17, 3 << 20}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Path file = Files.write(dir.resolve("f" + size), bytes);
            Process check = new ProcessBuilder("sha256sum", file.toString()).start();
            String expected = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).substring(0, 64);
            assertThat(check.waitFor()).isZero();
            assertThat(Sha256.of(file)).as("size " + size).isEqualTo(expected);
        }
    }

    @Test
    void aBufferHashedInPiecesFromAnyPositionEqualsTheJdksDigest() {
        byte[] bytes = "the quick brown fox jumps over the lazy dog, again and again".repeat(100).getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 10);
        direct.position(10);
        direct.put(bytes);
        String ours;
        try (Sha256.Hasher hasher = new OpenSslSha256()) {
            for (int from = 10; from < direct.capacity(); from += 777) {
                ByteBuffer piece = direct.duplicate();
                piece.limit(Math.min(from + 777, direct.capacity())).position(from);
                hasher.update(piece);
                assertThat(piece.hasRemaining()).isFalse();
            }
            ours = hasher.hex();
        }
        try (Sha256.Hasher jdk = new Sha256.JdkHasher()) {
            jdk.update(ByteBuffer.wrap(bytes));
            assertThat(ours).isEqualTo(jdk.hex());
        }
    }

    @Test
    void withTheNativeCallsOffTheJdkDigestIsUsed() throws Exception {
        try (Sha256.Hasher hasher = Sha256.hasher(LinuxCalls.unavailable())) {
            assertThat(hasher).isInstanceOf(Sha256.JdkHasher.class);
            hasher.update(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
            assertThat(hasher.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        }
    }
}
