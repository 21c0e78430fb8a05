package dev.runbook.cli;

import dev.runbook.json.PlainJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * --secrets-stdin: secret params as one JSON object of strings on stdin, read once. The fleet
 * controller writes it into the remote command's stdin over SSH, so a secret is never in a remote
 * command line (ps), an uploaded file, or the controller's own command line.
 */
final class SecretsStdin {

    private SecretsStdin() {
    }

    static Map<String, String> read(InputStream in) throws CliError {
        try {
            byte[] bytes = in.readNBytes((int) (SecretOptions.MAX_BYTES * 16));
            Object json = PlainJson.read(new String(bytes, StandardCharsets.UTF_8));
            Map<String, String> secrets = new LinkedHashMap<>();
            if (json instanceof Map<?, ?> map && map.values().stream().allMatch(String.class::isInstance)) {
                map.forEach((name, value) -> secrets.put(String.valueOf(name), (String) value));
                return secrets;
            }
            throw new CliError(ExitCodes.INVALID, "--secrets-stdin: stdin is not a JSON object of strings",
                    "write {\"NAME\": \"value\"}");
        } catch (IOException e) {
            throw new CliError(ExitCodes.INVALID, "--secrets-stdin: stdin is not JSON", null); // its text may hold a secret: never echoed
        }
    }
}
