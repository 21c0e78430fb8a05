package dev.runbook.fleet;

import dev.runbook.template.ShellQuote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets a host ready to run: Java 17 or later there (else a clear error, nothing run), and the jar and
 * runbook in its cache, uploaded only when that version is not there yet. One shell exec asks every
 * question, and on a cached run starts no JVM: the Java version found the first time is recorded
 * beside the cached jar ({@code java-version}) with the path the {@code java} command resolves to,
 * and asked again only when that path changes (another JDK installed, or runbook_java set).
 * It also says whether the JVM archive is there ({@link RemoteJvm}). An upload goes to a temporary
 * name, is checked against its SHA-256 on the host, and only then renamed into place, so a dropped
 * connection never leaves a half file that looks cached.
 */
final class HostSetup {

    private static final Pattern VERSION = Pattern.compile("version \"(1\\.)?(\\d+)");

    /** What preparing the host cost and found: for the live lines and the benchmark. */
    record Prepared(String jar, String runbook, boolean archiveCached, int uploaded, long probeMillis,
                    long uploadMillis) {
    }

    private static final String JAVA_RECORD = "java-version";

    private HostSetup() {
    }

    static Prepared prepare(RemoteHost remote, Payload jar, Payload runbook, Duration timeout)
            throws Unreachable, IOException {
        FleetHost host = remote.host();
        String cache = host.cacheDir();
        String jarPath = jar.remotePath(cache);
        String bookPath = runbook.remotePath(cache);
        long started = System.nanoTime();
        String record = record(jarPath);
        String java = ShellQuote.quote(host.java());
        String probe = remote.capture("r=$(readlink -f \"$(command -v " + java + ")\") || r=; "
                + "if " + javaAsRecorded(record) + "; then "
                + "echo \"java-recorded $(sed -n 2p " + record + ")\"; else " + java + " -version 2>&1 | head -n 1; fi; "
                + "echo \"java-path $r\"; "
                + "test -f " + ShellQuote.quote(jarPath) + " && echo jar-cached; test -f "
                + ShellQuote.quote(bookPath) + " && echo runbook-cached; " + RemoteJvm.probe(jarPath) + "true", timeout);
        long probeMillis = (System.nanoTime() - started) / 1_000_000;
        Matcher version = VERSION.matcher(probe);
        if (!version.find()) {
            throw new Unreachable(Unreachable.Kind.NO_JAVA, "no Java found ('" + host.java()
                    + " -version' said: " + probe.lines().findFirst().orElse("nothing").strip() + "); runbook needs "
                    + "Java 17 or later there: install openjdk-17-jre-headless, or set the host variable runbook_java",
                    null);
        }
        int major = Integer.parseInt(version.group(2));
        if (major < 17) {
            throw new Unreachable(Unreachable.Kind.NO_JAVA, "Java " + major + " found; runbook "
                    + "needs Java 17 or later: install openjdk-17-jre-headless, or point runbook_java at one", null);
        }
        if (!probe.contains("java-recorded")) {
            remember(remote, record, line(probe, "java-path "), probe.lines().findFirst().orElse(""), timeout);
        }
        started = System.nanoTime();
        int uploaded = 0;
        if (!probe.contains("jar-cached")) {
            upload(remote, jar, cache, timeout);
            uploaded++;
        }
        if (!probe.contains("runbook-cached")) {
            upload(remote, runbook, cache, timeout);
            uploaded++;
        }
        return new Prepared(jarPath, bookPath, probe.contains("archive-cached"), uploaded, probeMillis,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * What a host prepared by an earlier run of this version has: the jar, the runbook, a checked
     * archive and the Java record. A run first tries this, in the same exec as the run itself
     * ({@link #stillCached}); a host that lacks any of it is prepared as usual.
     */
    static Prepared assumedCached(FleetHost host, Payload jar, Payload runbook) {
        return new Prepared(jar.remotePath(host.cacheDir()), runbook.remotePath(host.cacheDir()), true, 0, 0, 0);
    }

    /**
     * A shell condition, true when everything {@link #assumedCached} assumes is still there: the java
     * command resolves to the recorded path (whose version was checked when recorded), the jar and
     * runbook are cached, and the archive has its checked size. Shell builtins where it can: each
     * command started is a process on the host, before the run's own JVM.
     */
    static String stillCached(FleetHost host, Prepared prepared) {
        String jarPath = prepared.jar();
        return "r=$(readlink -f \"$(command -v " + ShellQuote.quote(host.java()) + ")\") && " + javaAsRecorded(record(jarPath))
                + " && test -f " + ShellQuote.quote(jarPath) + " && test -f " + ShellQuote.quote(prepared.runbook())
                + " && " + RemoteJvm.intact(jarPath);
    }

    /** The Java record beside the cached jar, quoted for the shell. */
    private static String record(String jarPath) {
        return ShellQuote.quote(jarPath.substring(0, jarPath.lastIndexOf('/')) + "/" + JAVA_RECORD);
    }

    /** A shell condition: {@code $r}, where the java command resolves to now, is the path the record names. */
    private static String javaAsRecorded(String record) {
        return "test -n \"$r\" && read -r j 2>/dev/null < " + record + " && test \"$j\" = \"$r\"";
    }

    /** Records the Java found, so the next run on this version need not start a JVM to ask. */
    private static void remember(RemoteHost remote, String record, String javaPath, String version, Duration timeout)
            throws IOException {
        if (javaPath.isEmpty()) {
            return; // the java command resolved to no file: ask again next time
        }
        String part = record + ".part.$$";
        remote.capture("umask 077 && mkdir -p \"$(dirname " + record + ")\" && printf '%s\\n%s\\n' "
                + ShellQuote.quote(javaPath) + " " + ShellQuote.quote(version) + " > " + part + " && mv -f " + part
                + " " + record, timeout);
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .findFirst().orElse("");
    }

    private static void upload(RemoteHost remote, Payload payload, String cache, Duration timeout) throws IOException {
        String dir = ShellQuote.quote(cache + "/" + payload.sha256());
        // The temporary name is quoted as a value, then the shell's own $$ (its PID) is appended unquoted.
        String part = ShellQuote.quote(cache + "/" + payload.sha256() + "/." + payload.name() + ".part.") + "$$";
        String command = "umask 077 && mkdir -p " + dir + " && cat > " + part + " && printf '%s  %s\\n' "
                + payload.sha256() + " " + part + " | sha256sum -c --status && mv -f " + part + " "
                + ShellQuote.quote(payload.remotePath(cache)) + " || { rm -f " + part + "; exit 1; }";
        try (InputStream in = Files.newInputStream(payload.local())) {
            RemoteHost.Exit exit = remote.run(command, in, line -> { }, timeout);
            if (exit.status().orElse(-1) != 0) {
                throw new IOException(remote.host().name() + ": uploading " + payload.name() + " failed: "
                        + exit.stderr().strip());
            }
        }
    }
}
