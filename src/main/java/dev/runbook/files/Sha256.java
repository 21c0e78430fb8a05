package dev.runbook.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of files, read through one reusable direct buffer per thread: by libcrypto where it
 * loads ({@link OpenSslSha256}), else by the JDK.
 */
public final class Sha256 {

    /** A digest in progress; closed after use (libcrypto's state is native memory). */
    public interface Hasher extends AutoCloseable {
        /** Hashes the buffer's remaining bytes and consumes them. */
        void update(ByteBuffer buffer);

        /** The digest, as lowercase hex; call once. */
        String hex();

        @Override
        void close();
    }

    /** The JDK's digest: where libcrypto is missing, and the reference the tests compare with. */
    static final class JdkHasher implements Hasher {
        private final MessageDigest digest = digest();

        @Override
        public void update(ByteBuffer buffer) {
            digest.update(buffer);
        }

        @Override
        public String hex() {
            return Sha256.hex(digest);
        }

        @Override
        public void close() {
        }
    }

    public static Hasher hasher() {
        return hasher(LinuxCalls.system());
    }

    /** libcrypto's digest when native calls are allowed and it loads, else the JDK's. */
    public static Hasher hasher(LinuxCalls calls) {
        return OpenSslSha256.available(calls) ? new OpenSslSha256() : new JdkHasher();
    }

    static final int BUFFER = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(Path file) throws IOException {
        ByteBuffer buffer = buffer();
        try (Hasher hasher = hasher(); FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                hasher.update(buffer);
                buffer.clear();
            }
            return hasher.hex();
        }
    }

    static ByteBuffer buffer() {
        ByteBuffer buffer = BUFFERS.get();
        buffer.clear();
        return buffer;
    }
}
