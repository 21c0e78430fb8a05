package dev.runbook.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateDirectoryTest {

    private static final Path HOME = Path.of("/home/ops");

    @Test
    void theDefaultDependsOnTheUserNotOnTheWorkingDirectory() {
        assertThat(StateDirectory.resolve(Optional.empty(), Map.of(), false, HOME))
                .isEqualTo(Path.of("/home/ops/.local/state/runbook"));
        assertThat(StateDirectory.resolve(Optional.empty(), Map.of("XDG_STATE_HOME", "/srv/state"), false, HOME))
                .isEqualTo(Path.of("/srv/state/runbook"));
        assertThat(StateDirectory.resolve(Optional.empty(), Map.of("XDG_STATE_HOME", "relative/is/ignored"), false,
                HOME)).isEqualTo(Path.of("/home/ops/.local/state/runbook"));
        assertThat(StateDirectory.resolve(Optional.empty(), Map.of("XDG_STATE_HOME", "/srv/state"), true, HOME))
                .isEqualTo(Path.of("/var/lib/runbook"));
    }

    @Test
    void theOptionThenTheEnvironmentVariableOverrideIt() {
        Map<String, String> env = Map.of(StateDirectory.ENV, "/data/runbook", "XDG_STATE_HOME", "/srv/state");
        assertThat(StateDirectory.resolve(Optional.empty(), env, true, HOME)).isEqualTo(Path.of("/data/runbook"));
        assertThat(StateDirectory.resolve(Optional.of(Path.of("/opt/s")), env, true, HOME)).isEqualTo(Path.of("/opt/s"));
        assertThat(StateDirectory.defaulted(Optional.empty(), env)).isFalse();
        assertThat(StateDirectory.defaulted(Optional.empty(), Map.of())).isTrue();
    }

    @Test
    void anOldWorkingDirectoryJournalIsPointedToOnlyWhenTheDefaultIsInUse(@org.junit.jupiter.api.io.TempDir Path cwd)
            throws Exception {
        assertThat(StateDirectory.oldJournal(cwd, Optional.empty(), Map.of())).isEmpty();
        java.nio.file.Files.createDirectories(cwd.resolve(".runbook"));
        java.nio.file.Files.writeString(cwd.resolve(".runbook/journal.db"), "");
        assertThat(StateDirectory.oldJournal(cwd, Optional.empty(), Map.of()))
                .contains(cwd.toAbsolutePath().resolve(".runbook/journal.db"));
        assertThat(StateDirectory.oldJournal(cwd, Optional.of(Path.of("/s")), Map.of())).isEmpty();
        assertThat(StateDirectory.oldJournal(cwd, Optional.empty(), Map.of(StateDirectory.ENV, "/s"))).isEmpty();
    }
}
