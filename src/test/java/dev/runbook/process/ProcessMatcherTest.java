package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessMatcherTest {

    private final String seconds = Live.uniqueSleep();
    private Process sleeper;

    @AfterEach
    void stop() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void findsAProcessByItsFullCommandLineWithoutTouchingIt() throws Exception {
        sleeper = new ProcessBuilder("sleep", seconds).start();
        Live.awaitRunning(Live.sleeping(seconds), 1);

        List<ProcessInfo> found = ProcessMatcher.matching(ProcessMatcher.compile(List.of("nothing-like-this-4711",
                "sl[e]+p " + Pattern.quote(seconds))));

        assertThat(found).hasSize(1);
        assertThat(found.get(0).pid()).isEqualTo(sleeper.pid());
        assertThat(found.get(0).commandLine()).isEqualTo("sleep " + seconds);
        assertThat(found.get(0).ppid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(sleeper.isAlive()).isTrue();
    }

    @Test
    void neverListsThisJvmOrItsAncestorsThoughTheirCommandLinesMatch() throws Exception {
        // A container may hold nothing but this JVM and its ancestors: start one unrelated
        // process so "matches everything" has something it must list.
        sleeper = new ProcessBuilder("sleep", seconds).start();
        Live.awaitRunning(Live.sleeping(seconds), 1);
        String ownCommandLine = ProcessTable.read(ProcessHandle.current().pid(), true).orElseThrow().commandLine();
        assertThat(ownCommandLine).isNotEmpty();

        List<ProcessInfo> found = ProcessMatcher.matching(List.of(Pattern.compile(Pattern.quote(ownCommandLine)),
                Pattern.compile(".")));

        List<Long> pids = found.stream().map(ProcessInfo::pid).toList();
        ProcessHandle self = ProcessHandle.current();
        assertThat(pids).contains(sleeper.pid()).doesNotContain(self.pid());
        for (ProcessHandle up = self.parent().orElse(null); up != null; up = up.parent().orElse(null)) {
            assertThat(pids).doesNotContain(up.pid());
        }
        assertThat(found).allSatisfy(p -> assertThat(p.commandLine()).isNotEmpty());
    }

    @Test
    void aBadPatternIsReportedWithWhatIsWrong() {
        assertThatThrownBy(() -> ProcessMatcher.compile(List.of("python(")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'python(' is not a valid regular expression: Unclosed group");
    }
}
