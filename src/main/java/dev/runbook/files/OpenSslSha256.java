package dev.runbook.files;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * SHA-256 by the system's OpenSSL (libcrypto, through JNA), which uses the CPU's SHA instructions
 * whatever the JIT does: bin/runbook runs the JVM with C1 only (it starts sooner and a run's
 * per-step code runs faster without C2's compiling), and C1 has no SHA intrinsic, so the JDK's
 * SHA-256 ran at ~100 MB/s a core against ~1.2 GB/s for C2 and for libcrypto. Used only when
 * libcrypto loads; otherwise {@link Sha256} falls back to MessageDigest.
 */
final class OpenSslSha256 implements Sha256.Hasher {

    interface Crypto extends Library {
        Pointer EVP_sha256();

        Pointer EVP_MD_CTX_new();

        void EVP_MD_CTX_free(Pointer context);

        int EVP_DigestInit_ex(Pointer context, Pointer type, Pointer engine);

        int EVP_DigestUpdate(Pointer context, Pointer data, long count);

        int EVP_DigestFinal_ex(Pointer context, byte[] digest, Pointer length);
    }

    /** Loaded on first use; null where no libcrypto loads (then the JDK's digest is used). */
    private static final class Lib {
        static final Crypto C = load();
        static final Pointer SHA256 = C == null ? null : C.EVP_sha256();

        private static Crypto load() {
            JnaSearchPath.settle();
            for (String name : new String[] {"libcrypto.so.3", "libcrypto.so.1.1", "crypto"}) {
                try {
                    return Native.load(name, Crypto.class);
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    // try the next name
                }
            }
            return null;
        }
    }

    static boolean available(LinuxCalls calls) {
        return calls.enabled() && Lib.C != null && Lib.SHA256 != null;
    }

    private Pointer context;

    OpenSslSha256() {
        context = Lib.C.EVP_MD_CTX_new();
        if (context == null || Lib.C.EVP_DigestInit_ex(context, Lib.SHA256, null) != 1) {
            close();
            throw new IllegalStateException("libcrypto could not start a SHA-256 digest");
        }
    }

    /** Hashes the buffer's remaining bytes (a direct buffer: its memory is handed to C as it is). */
    @Override
    public void update(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("libcrypto hashes direct buffers only");
        }
        int count = buffer.remaining();
        if (count > 0 && Lib.C.EVP_DigestUpdate(context, Native.getDirectBufferPointer(buffer).share(buffer.position()),
                count) != 1) {
            throw new IllegalStateException("libcrypto's SHA-256 update failed");
        }
        buffer.position(buffer.limit());
    }

    @Override
    public String hex() {
        byte[] digest = new byte[32];
        if (Lib.C.EVP_DigestFinal_ex(context, digest, null) != 1) {
            throw new IllegalStateException("libcrypto's SHA-256 final failed");
        }
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public void close() {
        if (context != null) {
            Lib.C.EVP_MD_CTX_free(context);
            context = null;
        }
    }
}
