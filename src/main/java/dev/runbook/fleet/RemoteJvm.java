package dev.runbook.fleet;

import dev.runbook.journal.SqliteNativeLibrary;
import dev.runbook.template.ShellQuote;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the engine's JVM starts on a host. Every host of a fleet starts one JVM per run, so its start
 * is the fleet's wall time (bench/run-fleet): C1 only, the serial collector and no perf-data file
 * cut a start by about a third, and an AppCDS archive of the engine's classes, dumped once per cached
 * version beside the jar, by another third. A short run spends a third of its CPU compiling, much of
 * it on methods it then barely uses: compiling at twice the usual call counts takes ~8 % of a host's
 * CPU off a 20-step run and ~5 % off the TMWS rollback scenario (20 and 12 paired runs), where the
 * fleet's hosts share cores and CPU is wall time; a lone run's wall time is unchanged. Unified logging is off: its warnings (the archive dump
 * lists classes it skips) go to stdout by default, which is the run's JSON event stream.
 *
 * <p>The archive is written by a run under a temporary name ({@code -XX:ArchiveClassesAtExit}; with
 * {@code exec} the shell's {@code $$} is the JVM's PID), then checked by one JVM started with
 * {@code -Xshare:on} (which fails instead of falling back) and only then renamed into place, with its
 * size beside it. JDK 17 ignores a missing archive or one with a bad header, but a truncated one
 * crashes the JVM (SIGBUS while mapping it), so a run uses the archive only when its size is still the
 * size that was checked.
 */
final class RemoteJvm {

    static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xlog:disable", "-XX:CompileThresholdScaling=2");
    static final String ARCHIVE = "runbook.jsa";
    private static final String PART = ".runbook.jsa.part.";

    private RemoteJvm() {
    }

    /** The JVM options for a command, quoted for the shell; a dump only where {@code $$} is the JVM (exec). */
    static String options(HostSetup.Prepared prepared, boolean mayDump) {
        String flags = FLAGS.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
        if (prepared.archiveCached()) {
            // The archive's check wrote the SQLite library beside it (keep), so a run need not extract it.
            return flags + " " + ShellQuote.quote("-XX:SharedArchiveFile=" + archive(prepared.jar())) + " "
                    + Arrays.stream(SqliteNativeLibrary.options(folder(prepared.jar()))).map(ShellQuote::quote)
                    .collect(Collectors.joining(" "));
        }
        return mayDump ? flags + " " + ShellQuote.quote("-XX:ArchiveClassesAtExit=" + folder(prepared.jar()) + "/" + PART)
                + "$$" : flags;
    }

    /** The probe's part: says {@code archive-cached} when the archive is there at its checked size. */
    static String probe(String jarPath) {
        // Parts older than a day are dumps whose controller went away before checking them.
        return intact(jarPath) + " && echo archive-cached; find " + ShellQuote.quote(folder(jarPath))
                + " -maxdepth 1 -name '" + PART + "*' -mmin +1440 -delete 2>/dev/null; ";
    }

    /** A shell condition: the archive is there at the size it was checked at (never name a truncated one). */
    static String intact(String jarPath) {
        String archive = ShellQuote.quote(archive(jarPath));
        return "s=$(wc -c 2>/dev/null < " + archive + ") && read -r z 2>/dev/null < " + archive + ".size && test \"$s\" = \"$z\"";
    }

    /**
     * Checks the archive the run with PID {@code pid} dumped and keeps it, or removes it. The check
     * loads it with {@code -Xshare:on}, so a damaged or mismatched archive fails here, not in a run;
     * that JVM writes the SQLite library beside it, which runs with the archive then load from there.
     */
    static String keep(FleetHost host, HostSetup.Prepared prepared, long pid) {
        String dir = folder(prepared.jar());
        String part = ShellQuote.quote(dir + "/" + PART + pid);
        String size = ShellQuote.quote(dir + "/" + PART + pid + ".size");
        String archive = ShellQuote.quote(archive(prepared.jar()));
        return "test -s " + part + " || { rm -f " + part + "; exit 0; }; if " + ShellQuote.quote(host.java()) + " -Xshare:on "
                + ShellQuote.quote("-XX:SharedArchiveFile=" + dir + "/" + PART + pid) + " "
                + FLAGS.stream().map(ShellQuote::quote).collect(Collectors.joining(" "))
                + " -XX:ErrorFile=/dev/null -cp " + ShellQuote.quote(prepared.jar()) + " "
                + SqliteNativeLibrary.class.getName() + " " + ShellQuote.quote(dir) + " >/dev/null 2>&1; "
                + "then wc -c < " + part + " | tr -d ' ' > " + size + " && mv -f " + size + " " + archive + ".size && mv -f "
                + part + " " + archive + "; else rm -f " + part + "; fi; rm -f " + size;
    }

    static String archive(String jarPath) {
        return folder(jarPath) + "/" + ARCHIVE;
    }

    private static String folder(String jarPath) {
        return jarPath.substring(0, jarPath.lastIndexOf('/'));
    }
}
