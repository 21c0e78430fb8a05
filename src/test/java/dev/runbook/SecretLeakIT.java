package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run through bin/runbook with a secret that needs quoting, whose commands print it raw,
 * shell-quoted, JSON-escaped, URL-encoded, in base64 (alone and inside "user:secret"), in hex and
 * in upper and lower case, to stdout, stderr, forensics and a failing step's error. Then the raw
 * bytes of every file the run wrote (journal and its WAL, step logs, forensics and its
 * MANIFEST.txt, the Markdown report, GITHUB_STEP_SUMMARY, `runbook report` in every format) and of
 * every process's stdout and stderr (--json events, --debug) are searched for every form.
 */
class SecretLeakIT {

    private static final String SECRET = "P@ss w0rd'\"$x";

    private static final String FORMS = String.join("; ",
            "import sys, json, base64, binascii, re, shlex, urllib.parse as u",
            "s = sys.argv[1]",
            "print(s); print(s.upper()); print(s.lower()); print(shlex.quote(s))",
            "print(json.dumps(s)); print(json.dumps({'token': s}))",
            "print(u.quote(s)); print(u.quote_plus(s)); print(re.sub('%..', lambda m: m.group(0).lower(), u.quote(s)))",
            "print(base64.b64encode(s.encode()).decode()); print(base64.urlsafe_b64encode(s.encode()).decode())",
            "print(base64.b64encode((s + chr(10)).encode()).decode())",
            "print(base64.b64encode(('user:' + s).encode()).decode())",
            "print(base64.b64encode(('u:' + s + '@host').encode()).decode())",
            "print(binascii.hexlify(s.encode()).decode()); print(binascii.hexlify(s.encode()).decode().upper())",
            "print(s, file=sys.stderr)");

    @TempDir
    Path dir;

    @Test
    void noFormOfASecretReachesAnyFileOrStreamOfARun() throws Exception {
        Files.writeString(dir.resolve("leak.yaml"), """
                format: 1
                name: leak
                params:
                  token: { type: string, secret: true }
                steps:
                  - id: forms
                    action: exec
                    with: { cmd: [python3, -c, "%s", "{{ params.token }}"] }
                  - id: shell
                    action: exec
                    with: { shell: "echo {{ params.token }}; echo \\"{{ params.token }}\\" >&2; echo '{{ params.token }}'" }
                  - id: collect
                    action: forensics.collect
                    with:
                      to: "{{ run.forensics }}/collected"
                      commands: { token: [echo, "{{ params.token }}"], missing: [/no/such/program, "{{ params.token }}"] }
                      paths: ["{{ params.token }}"]
                  - id: fail
                    action: exec
                    with: { shell: "echo failing with {{ params.token }} >&2; exit 3" }
                on_failure:
                  - id: report
                    action: report.render
                    with: { template: failure-report.md.peb, to: "{{ run.forensics }}/FAILURE_REPORT.md" }
                """.formatted(FORMS.replace("\"", "\\\"")));
        Path summary = dir.resolve("github-summary.md");
        List<Path> streams = new ArrayList<>();
        int code = runbook(summary, streams, "run", "leak.yaml", "--state", "state", "--yes", "--json", "--debug",
                "-p", "token=" + SECRET);
        assertThat(code).as(read(streams.get(1))).isEqualTo(1);
        String runId = Files.list(dir.resolve("state/runs")).findFirst().orElseThrow().getFileName().toString();
        runbook(null, streams, "show", runId, "--state", "state");
        for (String format : List.of("markdown", "html", "junit")) {
            runbook(null, streams, "report", runId, "--state", "state", "--format", format,
                    "--out", "report." + format);
        }
        runbook(null, streams, "plan", "leak.yaml", "-p", "token=" + SECRET, "--debug");

        String log = read(dir.resolve("state/runs/" + runId + "/logs/forms.log"));
        assertThat(log).as("the command printed every form, masked").contains("***").hasLineCount(17);
        assertThat(read(summary)).contains("leak");
        assertThat(dir.resolve("state/runs/" + runId + "/forensics/collected/MANIFEST.txt")).exists();

        Map<String, String> forms = forms();
        List<String> leaks = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("leak.yaml"))
                    .toList();
        }
        assertThat(files.stream().map(f -> dir.relativize(f).toString()))
                .contains("state/journal.db", "github-summary.md", "report.html", "report.junit")
                .anyMatch(f -> f.endsWith("FAILURE_REPORT.md"));
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            forms.forEach((name, form) -> {
                if (bytes.contains(new String(form.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                    leaks.add(name + " in " + dir.relativize(file));
                }
            });
        }
        assertThat(leaks).as("forms of the secret found").isEmpty();
    }

    /** Each form, computed here independently of the masking code. */
    private static Map<String, String> forms() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("raw", SECRET);
        forms.put("shell-quoted", "'P@ss w0rd'\\''\"$x'");
        forms.put("python shlex", "'P@ss w0rd'\"'\"'\"$x'");
        forms.put("double-quoted", "P@ss w0rd'\\\"\\$x");
        forms.put("json", "P@ss w0rd'\\\"$x");
        forms.put("url (form)", URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
        forms.put("url (%20)", "P%40ss%20w0rd%27%22%24x");
        forms.put("url (lower hex)", "P%40ss%20w0rd%27%22%24x".toLowerCase(Locale.ROOT));
        forms.put("base64", Base64.getEncoder().encodeToString(bytes));
        forms.put("base64 url", Base64.getUrlEncoder().encodeToString(bytes));
        forms.put("base64 with newline", Base64.getEncoder().encodeToString((SECRET + "\n").getBytes(
                StandardCharsets.UTF_8)));
        String userSecret = Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes(StandardCharsets.UTF_8));
        forms.put("base64 inside user:secret", userSecret.substring(8, 20));
        String shifted = Base64.getEncoder().encodeToString(("u:" + SECRET + "@host").getBytes(StandardCharsets.UTF_8));
        forms.put("base64 inside u:secret@host", shifted.substring(4, 16));
        forms.put("hex", HexFormat.of().formatHex(bytes));
        forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
        forms.put("upper", SECRET.toUpperCase(Locale.ROOT));
        forms.put("lower", SECRET.toLowerCase(Locale.ROOT));
        return forms;
    }

    private int runbook(Path summary, List<Path> streams, String... args) throws Exception {
        int n = streams.size();
        Path out = dir.resolve("stdout-" + n + ".txt");
        Path err = dir.resolve("stderr-" + n + ".txt");
        streams.add(out);
        streams.add(err);
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                Stream.of(Path.of("bin/runbook").toAbsolutePath().toString()), Stream.of(args)).toList())
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("GITHUB_STEP_SUMMARY");
        if (summary != null) {
            builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        }
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
