package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The run lines read without picocli (a fleet host's) must read exactly as picocli reads them, and
 * every other line must be left to picocli. Each line is compared field by field, every option of
 * RunCommand and its mixins found by reflection, so an option added later is compared too.
 */
class RunShortcutTest {

    @TempDir
    Path dir;

    /** The lines a fleet controller sends (RemoteCommand.run), and their variations. */
    private static final List<List<String>> TAKEN = List.of(
            List.of("run", "/h/cache/abc/steps.yaml", "--json", "--yes"),
            List.of("run", "--json", "--yes", "--state", "/var/lib/rb", "steps.yaml", "--dry-run"),
            List.of("run", "r.yaml", "--json", "--yes", "--scenario", "database", "--only", "a,b", "--only", "c",
                    "--from", "b", "-p", "host=web1", "--param", "url=http://x/?a=b", "-p", "host=web2", "--secrets-stdin"),
            List.of("run", "r.yaml", "-p", "empty=", "-p", "spaced=a b  c", "-p", "unicode=żółw"),
            List.of("run", "r.yaml"),
            List.of("run", "r.yaml", "--inventory", "hosts.yaml", "--limit", "web:!web3", "--serial", "1,25%,100%",
                    "--max-fail", "10%", "--ssh-dir", "/root/.ssh", "--identity", "/k/id_ed25519", "--cancel-in-flight",
                    "--no-fleet-rollback", "--accept-new-host-keys", "--yes", "--json"));

    /** Lines the shortcut must leave to picocli: its errors, its help, and what the shortcut does not read. */
    private static final List<List<String>> LEFT = List.of(
            List.of("run"),
            List.of("run", "--json"),
            List.of("run", "a.yaml", "b.yaml"),
            List.of("run", "a.yaml", "--state=/x"),
            List.of("run", "@args.txt"),
            List.of("run", "a.yaml", "--", "-p"),
            List.of("run", "a.yaml", "--json", "--json"),
            List.of("run", "a.yaml", "--state", "/a", "--state", "/b"),
            List.of("run", "a.yaml", "--state"),
            List.of("run", "a.yaml", "--scenario", "--json"),
            List.of("run", "a.yaml", "-p", "novalue"),
            List.of("run", "a.yaml", "-p", "=v"),
            List.of("run", "a.yaml", "-p", "k=\"quoted\""),
            List.of("run", "a.yaml", "--only", "a,,b"),
            List.of("run", "a.yaml", "--jobs", "2"),
            List.of("run", "a.yaml", "--inventory", "hosts.yaml", "--connect-timeout", "5"),
            List.of("run", "a.yaml", "--limit", "a", "--limit", "b"),
            List.of("run", "a.yaml", "--debug"),
            List.of("run", "a.yaml", "--help"),
            List.of("run", "-pk=v", "a.yaml"),
            List.of("--debug", "run", "a.yaml"),
            List.of("plan", "a.yaml"));

    @Test
    void everyLineItTakesReadsAsPicocliReadsIt() throws Exception {
        for (List<String> line : TAKEN) {
            Optional<RunCommand> shortcut = RunShortcut.read(line.toArray(String[]::new));
            assertThat(shortcut).as("%s", line).isPresent();
            assertThat(fields(shortcut.get())).as("%s", line).isEqualTo(fields(picocli(line).orElseThrow()));
        }
    }

    @Test
    void everyOtherLineIsLeftToPicocli() {
        for (List<String> line : LEFT) {
            assertThat(RunShortcut.read(line.toArray(String[]::new))).as("%s", line).isEmpty();
        }
    }

    /** Random lines from words that picocli reads in different ways: taken only when picocli reads them alike. */
    @Test
    void randomLinesAreTakenOnlyWhenPicocliReadsThemAlike() throws Exception {
        List<String> words = List.of("r.yaml", "s.yaml", "--json", "--yes", "--dry-run", "--secrets-stdin", "--state",
                "/tmp/s", "--scenario", "db", "--from", "a", "--only", "a,b", "a,,b", ",a", "-p", "--param", "k=v",
                "k=", "=v", "k", "k=a=b", "k=\"q\"", "--state=/x", "@args", "--", "-", "--jobs", "2", "--debug",
                "-h", "--params", "x=-1", "-x", "run", "--vouch-for-checks", "'a'", "--inventory", "h.yaml", "--limit",
                "web*", "--serial", "25%", "--max-fail", "--ssh-dir", "--cancel-in-flight", "--no-fleet-rollback",
                "--host-timeout", "9", "", " ", "my book.yaml", "k=line\nbreak", "-pk=v", "--param=k=v");
        Random random = new Random(18);
        int taken = 0;
        for (int i = 0; i < 3000; i++) {
            List<String> line = new ArrayList<>(List.of("run"));
            int length = 1 + random.nextInt(7);
            for (int w = 0; w < length; w++) {
                line.add(words.get(random.nextInt(words.size())));
            }
            Optional<RunCommand> shortcut = RunShortcut.read(line.toArray(String[]::new));
            if (shortcut.isPresent()) {
                taken++;
                Optional<RunCommand> read = picocli(line);
                assertThat(read).as("picocli refuses %s, which the shortcut took", line).isPresent();
                assertThat(fields(shortcut.get())).as("%s", line).isEqualTo(fields(read.get()));
            }
        }
        assertThat(taken).as("lines taken of 3000").isGreaterThan(100);
    }

    /** A line taken and the same line left to picocli (--jobs 1 changes nothing) end alike, errors included. */
    @Test
    void aTakenLineEndsAsPicocliWouldEndIt() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), """
                format: 1
                name: good
                params:
                  who: { type: string }
                  token: { type: string, secret: true, required: false }
                steps:
                  - { id: hello, action: exec, with: { cmd: [/bin/true, "{{ params.who }}"] } }
                """);
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), "format: 1\nname: bad\nsteps:\n  - { id: x, action: nope }\n");
        List<List<String>> lines = List.of(
                List.of("run", good.toString(), "-p", "who=me"),
                List.of("run", good.toString(), "-p", "who=me", "--dry-run"),
                List.of("run", good.toString()),
                List.of("run", good.toString(), "-p", "who=me", "-p", "nobody=1"),
                List.of("run", good.toString(), "-p", "who=me", "-p", "token=abc"),
                List.of("run", good.toString(), "-p", "who=me", "--scenario", "missing"),
                List.of("run", good.toString(), "-p", "who=me", "--only", "absent"),
                List.of("run", invalid.toString()),
                List.of("run", dir.resolve("missing.yaml").toString()));
        for (List<String> line : lines) {
            assertThat(RunShortcut.read(line.toArray(String[]::new))).as("%s", line).isPresent();
            Ended taken = execute(line, "taken");
            List<String> viaPicocli = new ArrayList<>(line);
            viaPicocli.addAll(List.of("--jobs", "1"));
            assertThat(RunShortcut.read(viaPicocli.toArray(String[]::new))).isEmpty();
            Ended left = execute(viaPicocli, "left");
            assertThat(taken.code()).as("%s", line).isEqualTo(left.code());
            assertThat(taken.err()).as("%s", line).isEqualTo(left.err());
        }
        assertThat(execute(List.of("run", good.toString(), "-p", "who=me"), "again").code()).isZero();
        assertThat(execute(List.of("run", dir.resolve("missing.yaml").toString()), "none").err())
                .startsWith("runbook: cannot read");
    }

    @Test
    void secretsOnStdinReachTheRunAsThroughPicocli() throws Exception {
        Path runbook = Files.writeString(dir.resolve("secret.yaml"), """
                format: 1
                name: secret
                params:
                  token: { type: string, secret: true }
                  out: { type: path }
                steps:
                  - { id: write, action: exec, with: { cmd: [sh, -c, 'printf %s "$T" > "$O"'], env: { T: "{{ params.token }}", O: "{{ params.out }}" } } }
                """);
        var stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("{\"token\": \"s3cr3t\"}".getBytes(StandardCharsets.UTF_8)));
            Ended ended = execute(List.of("run", runbook.toString(), "--json", "--yes", "--secrets-stdin", "-p",
                    "out=" + dir.resolve("token.txt")), "secret");
            assertThat(ended.code()).as(ended.err()).isZero();
            assertThat(ended.out()).doesNotContain("s3cr3t").contains("\"event\"");
        } finally {
            System.setIn(stdin);
        }
        assertThat(Files.readString(dir.resolve("token.txt"))).isEqualTo("s3cr3t");
    }

    private record Ended(int code, String out, String err) {
    }

    private Ended execute(List<String> line, String state) {
        List<String> args = new ArrayList<>(line);
        args.addAll(List.of("--state", dir.resolve("state-" + state).toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        // Run ids and durations differ from run to run; everything else must not.
        return new Ended(code, out.toString(), err.toString().replace(dir.resolve("state-" + state).toString(), "STATE")
                .replaceAll("\\d{8}-\\d{6}-[0-9a-f]{4}", "RUN").replaceAll("in [0-9.]+ m?s", "in T"));
    }

    private static Optional<RunCommand> picocli(List<String> line) {
        String[] args = line.toArray(String[]::new);
        CommandLine cli = new CommandLine(new Main());
        Subcommands.addTo(cli, args);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.subcommand() == null || parsed.subcommand().isUsageHelpRequested()) {
                return Optional.empty();
            }
            return Optional.of((RunCommand) parsed.subcommand().commandSpec().userObject());
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
    }

    /** Every option field of the command and of its mixins, by name, as text. */
    private static List<String> fields(Object options) throws IllegalAccessException {
        List<String> described = new ArrayList<>();
        for (Field field : options.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("spec")) {
                continue;
            }
            field.setAccessible(true);
            Object value = field.get(options);
            if (value != null && value.getClass().getPackageName().equals(RunShortcutTest.class.getPackageName())) {
                fields(value).forEach(inner -> described.add(field.getName() + "." + inner));
            } else {
                described.add(field.getName() + "=" + value);
            }
        }
        return described;
    }
}
