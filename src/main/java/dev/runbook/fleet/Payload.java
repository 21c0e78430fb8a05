package dev.runbook.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file shipped to every host once per version: the cache folder on the host is named by the
 * file's SHA-256 ({@code <cache>/<sha>/<name>}), so a host that has this version reuses it, and a
 * new build or an edited runbook is a new folder (nothing is overwritten while another run reads it).
 */
public record Payload(Path local, String name, String sha256, long size) {

    public static Payload of(Path local, String name) throws IOException {
        try (InputStream in = Files.newInputStream(local)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return new Payload(local, name, HexFormat.of().formatHex(digest.digest()), Files.size(local));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * This build's jar, named {@code name}, its checksum remembered beside it ({@code JAR.sha256}: the
     * checksum, size and modification time) so that a controller hashes the 25 MB once per build
     * rather than on every run, before it can connect anywhere (in a C1-only JVM that hashing was about
     * a third of a 10-host controller's CPU, docs/PERFORMANCE.md). A record whose size or time is not
     * the jar's is ignored; one that cannot be written (a read-only install) only costs the hashing.
     */
    public static Payload ofJar(Path jar, String name) throws IOException {
        Path record = jar.resolveSibling(jar.getFileName() + ".sha256");
        long size = Files.size(jar);
        long modified = Files.getLastModifiedTime(jar).toMillis();
        String stamp = " " + size + " " + modified;
        try {
            String line = Files.readString(record).strip();
            if (line.matches("[0-9a-f]{64} \\d+ \\d+") && line.endsWith(stamp) && line.length() == 64 + stamp.length()) {
                return new Payload(jar, name, line.substring(0, 64), size);
            }
        } catch (IOException absent) {
            // not recorded yet: hash it below
        }
        Payload payload = of(jar, name);
        Path part = null;
        try {
            part = Files.createTempFile(jar.toAbsolutePath().getParent(), ".runbook-jar-sha256", ".part");
            Files.writeString(part, payload.sha256() + stamp + "\n");
            Files.move(part, record, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException readOnly) {
            // hashed again next time
        } finally {
            if (part != null) {
                Files.deleteIfExists(part);
            }
        }
        return payload;
    }

    /** Where it lives on a host whose cache is {@code cache}. */
    String remotePath(String cache) {
        return cache + "/" + sha256 + "/" + name;
    }

    /**
     * This build's shaded jar: the running code's own jar, or (running from target/classes, as tests
     * do) target/runbook.jar beside it.
     */
    public static Path thisBuildsJar() throws IOException {
        try {
            Path code = Path.of(Payload.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // The thin jar (what failsafe puts on the class path) lacks the dependencies: ship the shaded one.
            boolean whole = Files.isRegularFile(code) && !code.getFileName().toString().equals("runbook-thin.jar");
            Path jar = whole ? code : code.resolveSibling("runbook.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IOException("this build's jar is not at " + jar + ": build it first (./mvnw -B package "
                        + "-DskipTests, or bin/runbook builds it)");
            }
            return jar;
        } catch (URISyntaxException e) {
            throw new IOException("cannot tell where this build's jar is: " + e.getMessage(), e);
        }
    }
}
