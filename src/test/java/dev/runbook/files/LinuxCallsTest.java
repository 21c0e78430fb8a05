package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native calls on this machine's real filesystem: the restore's atomic swap and its one flush. */
class LinuxCallsTest {

    @TempDir
    Path dir;

    @Test
    void exchangeSwapsAFolderAndAFileInOneStep() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Files.writeString(folder.resolve("inside.txt"), "old tree\n");
        Path file = Files.writeString(dir.resolve("file"), "new file\n");
        String folderKey = Restorer.fileKey(folder);

        assertThat(LinuxCalls.system().exchange(file, folder)).isTrue();

        assertThat(Files.readString(dir.resolve("folder"))).isEqualTo("new file\n");
        assertThat(Files.readString(dir.resolve("file/inside.txt"))).isEqualTo("old tree\n");
        assertThat(Restorer.fileKey(dir.resolve("file"))).isEqualTo(folderKey);
    }

    @Test
    void exchangeWithAMissingPathFailsWithTheReasonAndChangesNothing() throws IOException {
        Path present = Files.writeString(dir.resolve("present"), "x");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> LinuxCalls.system().exchange(present, missing)).isInstanceOf(IOException.class)
                .hasMessage("cannot swap " + present + " and " + missing + ": No such file or directory");
        assertThat(Files.readString(present)).isEqualTo("x");
        assertThat(missing).doesNotExist();
    }

    @Test
    void syncFileSystemFlushesThroughAFolderOrAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "data");
        assertThat(LinuxCalls.system().syncFileSystem(dir)).isTrue();
        assertThat(LinuxCalls.system().syncFileSystem(file)).isTrue();
        assertThatThrownBy(() -> LinuxCalls.system().syncFileSystem(dir.resolve("nope"))).isInstanceOf(IOException.class)
                .hasMessage("cannot open " + dir.resolve("nope") + " to flush its filesystem: No such file or directory");
    }

    @Test
    void unavailableCallsSayNotAvailableAndTouchNothing() throws IOException {
        LinuxCalls off = LinuxCalls.unavailable();
        Path a = Files.writeString(dir.resolve("a"), "a");
        Path b = Files.writeString(dir.resolve("b"), "b");
        assertThat(off.enabled()).isFalse();
        assertThat(off.exchange(a, b)).isFalse();
        assertThat(off.syncFileSystem(dir)).isFalse();
        assertThat(Files.readString(a)).isEqualTo("a");
        assertThat(Files.readString(b)).isEqualTo("b");
    }
}
