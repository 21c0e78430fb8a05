package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key that cannot log in is named before any host is contacted, with why (keys made by ssh-keygen). */
class KeyFilesTest {

    @TempDir
    Path dir;

    static Path keygen(Path file, String passphrase) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return file;
    }

    @Test
    void aPlainKeyLoadsAndAMissingOneATextAndAPassphraseProtectedOneAreSaidApart() throws Exception {
        assertThat(KeyFiles.problem(keygen(dir.resolve("plain"), ""))).isEmpty();
        assertThat(KeyFiles.problem(dir.resolve("missing"))).contains("private key file " + dir.resolve("missing")
                + " cannot be read");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a key\n");
        assertThat(KeyFiles.problem(text)).hasValueSatisfying(why -> assertThat(why).startsWith(text
                + " "));
        Path locked = keygen(dir.resolve("locked"), "correct horse");
        assertThat(KeyFiles.problem(locked)).contains(locked + " is protected by a passphrase, which the controller "
                + "does not ask for");
    }
}
