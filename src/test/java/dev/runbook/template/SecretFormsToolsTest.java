package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encodings people pipe a secret through to "hide" it in a log, made by the real tools: each
 * tool's output, masked, no longer holds the secret's encoding.
 */
class SecretFormsToolsTest {

    private static final String SECRET = "Zq7#kP9!vLm2-wide";

    @Test
    void spacedAndColonHexAndBase32FromTheRealToolsAreMasked() throws Exception {
        Masker masker = new Masker(List.of(SECRET));
        for (List<String> tool : List.of(List.of("base32"), List.of("base32", "-w", "0"),
                List.of("od", "-An", "-tx1", "-w64", "-v"), List.of("sha256sum"), List.of("base64"))) {
            String printed = piped(tool);
            String masked = masker.mask(printed);
            if (tool.get(0).equals("sha256sum")) {
                assertThat(masked).as("a digest is not the secret").isEqualTo(printed);
                continue;
            }
            assertThat(masked).as(String.join(" ", tool) + " printed " + printed).contains("***")
                    .doesNotContain(printed.strip().substring(0, 12));
        }
        String colons = new String(java.util.HexFormat.ofDelimiter(":").formatHex(
                SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(masker.mask("fingerprint " + colons + " end")).isEqualTo("fingerprint *** end");
    }

    private static String piped(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(SECRET.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
