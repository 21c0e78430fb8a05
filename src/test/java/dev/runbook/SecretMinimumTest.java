package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret too short to mask safely is refused where it is given, with the reason; nothing runs. */
class SecretMinimumTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        err.getBuffer().setLength(0);
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aShortSecretIsRefusedOnTheCommandLineAndAsAWrittenDefault() throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, """
                format: 1
                name: short
                params:
                  token: { type: string, secret: true, required: false }
                  pin: { type: string, secret: true, default: "1" }
                steps:
                  - { id: a, action: exec, with: { shell: "touch DIR/ran" } }
                """.replace("DIR", dir.toString()));
        assertThat(cli("validate", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ":5:47: the default of secret parameter 'pin' is shorter than 6 "
                + "characters, too short to mask safely\n"
                + "  hint: use a longer secret, or leave it empty\n"
                + file + ": 1 problem\n");

        Files.writeString(file, Files.readString(file).replace("default: \"1\"", "default: \"\""));
        assertThat(cli("validate", file.toString())).isZero();
        assertThat(cli("run", file.toString(), "--yes", "--state", dir.resolve("state").toString(),
                "-p", "token=12345")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("runbook: -p token: secret parameter 'token' is shorter than 6 characters, "
                + "too short to mask safely (it would be found, and masked, inside unrelated output)\n"
                + "  hint: use a longer secret, or leave it empty\n");
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(cli("run", file.toString(), "--yes", "--state", dir.resolve("state").toString(),
                "-p", "token=123456")).as(err.toString()).isZero();
        assertThat(dir.resolve("ran")).exists();
    }
}
