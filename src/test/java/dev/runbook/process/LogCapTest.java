package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that prints without end leaves a log of bounded size holding its end, and says what was cut. */
class LogCapTest {

    private static final Pattern MARKER = Pattern.compile("^\\[runbook: (\\d+) bytes cut from the start of this log; [^\\]]*\\]\n");

    @TempDir
    Path dir;

    @Test
    void aLogLargerThanTheCapKeepsItsTailUnderAMarkerCountingTheCutBytes() throws Exception {
        Path log = dir.resolve("logs/step.log");
        int lines = 5_000_000; // seq prints ~38.9 MB: two cuts and more
        CommandResult result = new CommandRunner().run(CommandSpec.argv("seq", "1", String.valueOf(lines)).withLog(log));
        assertThat(result.ok()).isTrue();

        long printed = seqBytes(1, lines);
        String logged = Files.readString(log, StandardCharsets.US_ASCII);
        Matcher marker = MARKER.matcher(logged);
        assertThat(marker.find()).as("log starts with the cut marker").isTrue();
        String kept = logged.substring(marker.end());
        assertThat(Files.size(log)).isLessThanOrEqualTo(LogCap.CAP_BYTES);
        assertThat(kept.length()).isGreaterThanOrEqualTo((int) (LogCap.KEEP_BYTES / 2));
        assertThat(Long.parseLong(marker.group(1)) + kept.length()).isEqualTo(printed);
        // The kept part is whole lines, the very end of what the command printed.
        int first = Integer.parseInt(kept.substring(0, kept.indexOf('\n')));
        assertThat(kept.length()).isEqualTo(seqBytes(first, lines));
        assertThat(kept).endsWith("\n" + (lines - 1) + "\n" + lines + "\n");
        assertThat(Files.list(log.getParent())).containsExactly(log);

        // A retried attempt appends to the capped log; the marker adds up both attempts' cuts.
        new CommandRunner().run(CommandSpec.argv("seq", "1", String.valueOf(lines)).withLog(log));
        String again = Files.readString(log, StandardCharsets.US_ASCII);
        Matcher second = MARKER.matcher(again);
        assertThat(second.find()).isTrue();
        assertThat(Long.parseLong(second.group(1)) + again.length() - second.end()).isEqualTo(2 * printed);
        assertThat(again).endsWith("\n" + lines + "\n");
    }

    @Test
    void aLogUnderTheCapIsUntouched() throws Exception {
        Path log = dir.resolve("step.log");
        new CommandRunner().run(CommandSpec.argv("seq", "1", "1000").withLog(log));
        assertThat(Files.size(log)).isEqualTo(seqBytes(1, 1000));
    }

    /** Bytes {@code seq from to} prints. */
    private static long seqBytes(int from, int to) {
        long total = 0;
        for (long n = from; n <= to; n++) {
            total += Long.toString(n).length() + 1;
        }
        return total;
    }
}
