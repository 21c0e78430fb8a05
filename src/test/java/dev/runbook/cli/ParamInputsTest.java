package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How parameter values get in: -p, --params FILE, --secret-file, --secret-env; and how bad ones are reported. */
class ParamInputsTest {

    private static final String RUNBOOK = """
            format: 1
            name: inputs
            params:
              out: { type: path }
              count: { type: int, default: 1 }
              mode: { type: enum, values: [soft, hard], default: soft }
              flag: { type: bool, default: false }
              token: { type: string, secret: true, required: false }
              key: { type: string, secret: true, required: false }
            steps:
              - id: record
                action: exec
                with:
                  cmd: [sh, -c, 'sleep "$PAUSE"; printf "%s|%s|%s|%s|%s" "$COUNT" "$MODE" "$FLAG" "$TOKEN" "$KEY" > "$OUT"']
                  env:
                    PAUSE: "{{ env.PAUSE | default('0') }}"
                    COUNT: "{{ params.count }}"
                    MODE: "{{ params.mode }}"
                    FLAG: "{{ params.flag }}"
                    TOKEN: "{{ params.token | default('') }}"
                    KEY: "{{ params.key | default('') }}"
                    OUT: "{{ params.out }}"
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path runbook() throws Exception {
        Path file = dir.resolve("inputs.yaml");
        Files.writeString(file, RUNBOOK);
        return file;
    }

    private int run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run", runbook().toString(), "--state", dir.resolve("state").toString(),
                "-p", "out=" + dir.resolve("values")));
        all.addAll(List.of(args));
        return Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void everyBadParameterIsReportedAtOnce() throws Exception {
        assertThat(run("-p", "count=many", "-p", "mode=fast", "-p", "flag=yes", "-p", "modee=hard")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("""
                runbook: unknown parameter 'modee' (-p modee=...)
                  hint: did you mean 'mode'?
                runbook: -p count: parameter 'count' must be an integer, found "many"
                runbook: -p mode: parameter 'mode' must be one of soft, hard, found "fast"
                runbook: -p flag: parameter 'flag' must be true or false, found "yes"
                runbook: 4 problems with the inputs
                """);
        assertThat(dir.resolve("values")).doesNotExist();
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void aWrongStepNameIsReportedWithTheBadParameters() throws Exception {
        assertThat(run("--only", "recrod", "-p", "count=x")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("""
                runbook: --only: unknown step 'recrod'
                  hint: did you mean 'record'?
                runbook: -p count: parameter 'count' must be an integer, found "x"
                runbook: 2 problems with the inputs
                """);
    }

    @Test
    void aParamsFileGivesValuesAndDashPWinsOverIt() throws Exception {
        Path params = dir.resolve("params.yaml");
        Files.writeString(params, "# production values\ncount: 3\nmode: hard\nflag: true\n");
        assertThat(run("--params", params.toString(), "-p", "count=4")).isZero();
        assertThat(Files.readString(dir.resolve("values"))).isEqualTo("4|hard|true||");
    }

    @Test
    void aBooleanTheValidatorAcceptsIsReadTheSameWayWhenTheRunResolvesIt() throws Exception {
        // YAML 1.2 spells true as true, True or TRUE: the validator accepted "default: True" while the
        // run refused it ("must be true or false, found \"True\""); both now read values.Booleans.
        Path file = dir.resolve("inputs.yaml");
        Files.writeString(file, RUNBOOK.replace("flag: { type: bool, default: false }", "flag: { type: bool, default: True }"));
        List<String> args = List.of("run", file.toString(), "--state", dir.resolve("state").toString(),
                "-p", "out=" + dir.resolve("values"));
        assertThat(Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true)))
                .as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("values"))).isEqualTo("1|soft|true||");

        assertThat(run("-p", "flag=FALSE")).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("values"))).isEqualTo("1|soft|false||");
    }

    @Test
    void aBadParamsFileIsReportedWithLineAndColumnTogetherWithBadDashP() throws Exception {
        Path params = dir.resolve("params.yaml");
        Files.writeString(params, "count: lots\nmode:\n  - hard\nmdoe: soft\nflag:\n");
        assertThat(run("--params", params.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("runbook: " + params + ":2:1: parameter 'mode' must be a single value, "
                + "found a list\n"
                + "runbook: " + params + ":5:1: parameter 'flag' has no value\n"
                + "  hint: leave it out to use its default, or write \"\" for an empty string\n"
                + "runbook: 2 problems with the inputs\n");
        Files.writeString(params, "count: lots\nmdoe: soft\n");
        err.getBuffer().setLength(0);
        assertThat(run("--params", params.toString(), "-p", "flag=maybe")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("runbook: " + params + ":2:7: unknown parameter 'mdoe'\n"
                + "  hint: did you mean 'mode'?\n"
                + "runbook: " + params + ":1:8: parameter 'count' must be an integer, found \"lots\"\n"
                + "runbook: -p flag: parameter 'flag' must be true or false, found \"maybe\"\n"
                + "runbook: 3 problems with the inputs\n");
        Files.writeString(params, "count: 1\ncount: 2\n");
        err.getBuffer().setLength(0);
        assertThat(run("--params", params.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("runbook: " + params + ":2:1: duplicate key 'count'");
    }

    @Test
    void secretsFromAFileAndAnEnvironmentVariableNeverReachTheCommandLine() throws Exception {
        Path secret = dir.resolve("token");
        Files.writeString(secret, "t0k3n-from-file\n");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(), "run", runbook().toString(),
                "--state", dir.resolve("state").toString(), "-p", "out=" + dir.resolve("values"),
                "--secret-file", "token=" + secret, "--secret-env", "key=DEPLOY_KEY");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("DEPLOY_KEY", "k3y-from-env");
        builder.environment().put("PAUSE", "2");
        Process child = builder.start();
        try {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // While the run is in its step, every process it is made of shows its command line.
            while (child.isAlive() && System.nanoTime() < deadline && !Files.exists(dir.resolve("values"))) {
                child.descendants().forEach(p -> seen.add(cmdline(p.pid())));
                seen.add(cmdline(child.pid()));
                Thread.sleep(50);
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(dir.resolve("stderr"))).isZero();
            assertThat(seen).anyMatch(line -> line.contains("--secret-file")).anyMatch(line -> line.contains("sleep"))
                    .noneMatch(line -> line.contains("t0k3n") || line.contains("k3y-from"));
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.readString(dir.resolve("values"))).isEqualTo("1|soft|false|t0k3n-from-file|k3y-from-env");
        StringWriter shown = new StringWriter();
        Main.execute(new String[] {"history", "--state", dir.resolve("state").toString(), "--json"},
                new PrintWriter(shown, true), new PrintWriter(new StringWriter(), true));
        String runId = shown.toString().replaceFirst("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        Main.execute(new String[] {"show", runId, "--state", dir.resolve("state").toString()},
                new PrintWriter(shown, true), new PrintWriter(new StringWriter(), true));
        assertThat(shown.toString()).contains("token=***").contains("key=***").doesNotContain("t0k3n")
                .doesNotContain("k3y-from");
        assertThat(Files.readString(dir.resolve("stderr")) + Files.readString(dir.resolve("stdout")))
                .doesNotContain("t0k3n").doesNotContain("k3y-from");
    }

    @Test
    void secretSourcesAreRefusedForPlainParamsAndReportedTogether() throws Exception {
        assertThat(run("--secret-file", "mode=" + dir.resolve("absent"), "--secret-env", "key=RUNBOOK_TEST_UNSET_VAR",
                "--secret-file", "token=" + dir.resolve("absent"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("runbook: --secret-file mode: parameter 'mode' is not secret, so its "
                + "value would be shown\n"
                + "  hint: give it with -p, or declare it secret: true in the runbook\n"
                + "runbook: --secret-file token: cannot read " + dir.resolve("absent") + ": no such file\n"
                + "runbook: --secret-env key: environment variable RUNBOOK_TEST_UNSET_VAR is not set\n"
                + "  hint: export it first, or name the variable that holds the secret\n"
                + "runbook: 3 problems with the inputs\n");
    }

    @Test
    void aSecretCanComeThroughAPipeAsWithProcessSubstitution() throws Exception {
        // bash's --secret-file token=<(pass show token) names a pipe: its size is 0 until read.
        Path fifo = dir.resolve("token.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process writer = new ProcessBuilder("sh", "-c", "printf 'from-a-pipe\\n' > \"$0\"", fifo.toString()).start();
        assertThat(run("--secret-file", "token=" + fifo)).as(err.toString()).isZero();
        assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("values"))).isEqualTo("1|soft|false|from-a-pipe|");
        Files.write(dir.resolve("big"), new byte[70_000]);
        err.getBuffer().setLength(0);
        assertThat(run("--secret-file", "token=" + dir.resolve("big"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("runbook: --secret-file token: " + dir.resolve("big")
                + " is larger than 64 KiB: not a secret\n  hint: check the path\n");
    }

    @Test
    void aSecretGivenWithDashPStillWorksButIsWarnedAbout() throws Exception {
        assertThat(run("-p", "token=visible")).isZero();
        assertThat(err.toString()).contains("warning: -p token: a secret on the command line is visible to other "
                + "users (ps); use --secret-file token=PATH or --secret-env token=VAR");
        assertThat(Files.readString(dir.resolve("values"))).isEqualTo("1|soft|false|visible|");
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
