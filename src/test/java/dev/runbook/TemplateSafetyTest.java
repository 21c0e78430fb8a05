package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile templates through the real CLI: quoting cannot be switched off, a value inside quotes
 * in a shell command is quoted for that place, values that look like options do not reach git or
 * alembic as options, rendering has a budget, syntax errors are found before anything runs, and a
 * null is an error where text is needed.
 */
class TemplateSafetyTest {

    private static final String BUDGET = "rendering went over its budget (2 s, 64 MiB allocated): a loop too long "
            + "or a value too large";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String runbook(String steps) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, """
                format: 1
                name: hostile
                params:
                  x: { type: string, default: "v" }
                  n: { type: string, required: false }
                  p: { type: path, default: out }
                steps:
                """ + steps.replace("DIR", dir.toString()));
        return file.toString();
    }

    private int run(String file, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", file, "--yes", "--state", dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void filtersAndTagsThatChangeQuotingAreRefusedWhereTheyAre() throws Exception {
        String file = runbook("""
                  - { id: a, action: exec, with: { shell: "touch {{ params.x | raw }}" } }
                  - { id: b, action: exec, with: { shell: "touch {{ params.x | escape(strategy='html') }}" } }
                  - { id: c, action: exec, with: { shell: "{% autoescape false %}touch {{ params.x }}{% endautoescape %}" } }
                  - { id: d, action: exec, with: { shell: "{% filter lower %}touch {{ params.x }}{% endfilter %}" } }
                """);
        assertThat(cli("validate", file)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ":8:64: '| raw' would change the shell quoting of values in step 'a'\n"
                + "  hint: values in shell: are quoted for you; remove '| raw', or pass the arguments as a cmd: list\n"
                + file + ":9:64: '| escape' would change the shell quoting of values in step 'b'\n"
                + "  hint: values in shell: are quoted for you; remove '| escape', or pass the arguments as a cmd: list\n"
                + file + ":10:47: the 'autoescape' tag is not allowed in runbook values (step 'c')\n"
                + "  hint: it would change the quoting of values; shell: values are quoted for you\n"
                + file + ":11:47: the 'filter' tag is not allowed in runbook values (step 'd')\n"
                + "  hint: it would change the quoting of values; shell: values are quoted for you\n"
                + file + ": 4 problems\n");
    }

    @Test
    void aValueInsideQuotesOfAShellCommandIsQuotedForThatPlace() throws Exception {
        String hostile = "$(touch DIR/marker) `touch DIR/marker` it's \"q\" \\ $HOME";
        String file = runbook("""
                  - id: write
                    action: exec
                    with:
                      shell: >-
                        printf '%s|' "{{ params.x }}" '{{ params.x }}' {{ params.x }} "a{{ params.x }}b"
                        "$(printf %s {{ params.x }})" > DIR/out.txt
                """);
        String value = hostile.replace("DIR", dir.toString());
        assertThat(run(file, "-p", "x=" + value)).as(err.toString()).isZero();
        assertThat(dir.resolve("marker")).doesNotExist();
        assertThat(Files.readString(dir.resolve("out.txt")))
                .isEqualTo(value + "|" + value + "|" + value + "|a" + value + "b|" + value + "|");
    }

    @Test
    void aValueWhereNoQuotingIsSafeIsRefusedWithItsPlace() throws Exception {
        String file = runbook("""
                  - { id: a, action: exec, with: { shell: "echo `cat {{ params.x }}`" } }
                  - { id: b, action: exec, with: { shell: "echo ok # {{ params.x }}" } }
                  - { id: c, action: exec, with: { shell: "echo $(( {{ params.x }} + 1 )) ${HOME:-{{ params.x }}}" } }
                """);
        assertThat(cli("validate", file)).isEqualTo(2);
        String hint = "  hint: set a shell variable first (v={{ ... }}) and use \"$v\" there, or use a cmd: list\n";
        assertThat(err.toString()).isEqualTo(
                file + ":8:54: a value is inserted inside backquotes in the shell command of step 'a', where no quoting makes it safe\n"
                + hint
                + file + ":9:54: a value is inserted inside a shell comment (a newline in the value would end it) in the shell command of step 'b', where no quoting makes it safe\n"
                + hint
                + file + ":10:53: a value is inserted inside arithmetic $((...)) in the shell command of step 'c', where no quoting makes it safe\n"
                + hint
                + file + ":10:83: a value is inserted inside ${...} in the shell command of step 'c', where no quoting makes it safe\n"
                + hint
                + file + ": 4 problems\n");
    }

    @Test
    void aShellRunThroughAnArgvListWithATemplateIsAWarningPointingToShell() throws Exception {
        String file = runbook("""
                  - { id: a, action: exec, with: { cmd: [/bin/bash, -ec, "echo {{ params.x }}"] } }
                  - { id: b, action: exec, with: { cmd: [sh, -c, "echo fixed", "{{ params.x }}"] } }
                """);
        assertThat(cli("validate", file)).isZero();
        assertThat(err.toString()).isEqualTo(file + ":8:58: warning: 'cmd: [/bin/bash, -c, ...]' in step 'a' runs a "
                + "template as shell code, and nothing quotes its values\n"
                + "  hint: use 'shell: \"...\"' instead: every value inserted there is quoted for the shell\n"
                + file + ":9:64: warning: 'cmd: [sh, -c, ...]' in step 'b' runs a template as shell code, and nothing "
                + "quotes its values\n"
                + "  hint: use 'shell: \"...\"' instead: every value inserted there is quoted for the shell\n");
    }

    @Test
    void aSecretPutIntoACommandLineIsAWarningPointingToEnv() throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), """
                format: 1
                name: secret-in-argv
                params:
                  token: { type: string, secret: true, required: false }
                vars:
                  auth: "Bearer {{ params.token }}"
                  header: "{{ vars.auth }}"
                steps:
                  - { id: a, action: exec, with: { shell: "curl -H 'Authorization: {{ params.token }}' x" } }
                  - { id: b, action: exec, with: { cmd: [curl, -u, "ops:{{ params['token'] }}", x] } }
                  - { id: c, action: exec, with: { shell: 'curl -H "Authorization: $T" x', env: { T: "{{ params.token }}" } } }
                  - { id: d, action: exec, with: { shell: "curl -H '{{ vars.header }}' x" } }
                """);
        assertThat(cli("validate", file.toString())).isZero();
        String hint = "  hint: pass it in env: (env: { SECRET: \"{{ params.token }}\" }) and read \"$SECRET\" in the command\n";
        assertThat(err.toString()).isEqualTo(file + ":9:71: warning: secret parameter 'token' is put into the command "
                + "line of step 'a', which every user of the machine can read (ps, /proc) while it runs\n" + hint
                + file + ":10:60: warning: secret parameter 'token' is put into the command line of step 'b', which "
                + "every user of the machine can read (ps, /proc) while it runs\n" + hint
                + file + ":12:56: warning: var 'header', which holds a secret, is put into the command line of step "
                + "'d', which every user of the machine can read (ps, /proc) while it runs\n"
                + "  hint: pass it in env: (env: { SECRET: \"{{ vars.header }}\" }) and read \"$SECRET\" in the command\n");
    }

    @Test
    void refsAndNamesThatStartWithADashNeverReachGit() throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("a.txt"), "a");
            git.add().addFilepattern("a.txt").call();
            git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        }
        String literal = runbook("""
                  - { id: tag, action: git.tag, with: { repo: DIR/repo, name: -f } }
                  - { id: down, action: alembic.downgrade, with: { target: "-1", cwd: DIR } }
                """);
        assertThat(cli("validate", literal)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(literal + ":8:" + (63 + dir.toString().length() - 3) + ": 'name' of git.tag starts with '-' (\"-f\"), which "
                + "programs read as an option\n"
                + "  hint: git refuses names and refs that start with '-'; name the ref without it\n"
                + literal + ": 1 problem\n");

        String templated = runbook("""
                  - { id: tag, action: git.tag, with: { repo: DIR/repo, name: "{{ params.x }}" } }
                """);
        assertThat(run(templated, "-p", "x=-f")).isEqualTo(1);
        assertThat(err.toString()).contains("failed tag in").contains("'name' of git.tag starts with '-' (\"-f\")");
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.tagList().call()).isEmpty();
        }
    }

    @Test
    void aPathParamThatStartsWithADashIsPassedAsARelativePath() throws Exception {
        String file = runbook("""
                  - { id: a, action: exec, with: { cmd: [touch, "{{ params.p }}"], cwd: DIR } }
                """);
        assertThat(run(file, "-p", "p=-rf")).as(err.toString()).isZero();
        assertThat(dir.resolve("-rf")).exists();
        assertThat(cli("plan", file, "-p", "p=-rf")).isZero();
        assertThat(out.toString()).contains("run touch ./-rf");
    }

    @Test
    void renderingHasATimeAndMemoryBudget() throws Exception {
        String[][] cases = {
            {"echo {{ range(1, 99999999) | length }}", "range(1, 99999999) would make 99999999 items; at most 10000"},
            {"{% set s = 'x' %}{% for i in range(1, 60) %}{% set s = s ~ s %}{% endfor %}echo {{ s | length }}",
                BUDGET},
            {"{% for i in range(1, 10000) %}{% for j in range(1, 10000) %}{% endfor %}{% endfor %}echo done",
                BUDGET},
        };
        for (String[] c : cases) {
            String file = runbook("  - { id: t, action: exec, with: { shell: \"" + c[0] + "\" } }\n");
            long start = System.nanoTime();
            assertThat(cli("plan", file)).isEqualTo(2);
            assertThat((System.nanoTime() - start) / 1_000_000).as(c[0]).isLessThan(10_000);
            assertThat(err.toString()).isEqualTo("runbook: cannot render 'with' of step 't': " + c[1] + "\n");
        }
        // Rendered only when the step runs (it reads a step output): the step fails, nothing hangs.
        String file = runbook("""
                  - { id: a, action: exec, with: { cmd: [true] } }
                  - id: b
                    action: exec
                    with: { shell: "{% for i in range(1, 10000) %}{% for j in range(1, 10000) %}{% endfor %}{% endfor %}echo {{ steps.a.outputs.exit_code }}" }
                """);
        long start = System.nanoTime();
        assertThat(run(file)).isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
        assertThat(err.toString()).contains("failed b in").contains("cannot render: " + BUDGET)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aSyntaxErrorInATemplateOfStepOutputsIsFoundBeforeAnythingRuns() throws Exception {
        String file = runbook("""
                  - { id: a, action: exec, with: { shell: "touch DIR/changed" } }
                  - { id: b, action: exec, with: { shell: "echo {{ params.x }} {{ steps.a.outputs.stdout | }}" } }
                """);
        assertThat(cli("validate", file)).isEqualTo(2);
        int column = ("  - { id: b, action: exec, with: { shell: \"echo {{ params.x }} ").length() + 1;
        assertThat(err.toString()).isEqualTo(file + ":9:" + column + ": template syntax in step 'b': Unexpected token "
                + "of value \"}}\" and type PRINT_END, expected token of type NAME\n"
                + "  hint: templates look like {{ params.name }}, {% if ... %}...{% endif %}\n"
                + file + ": 1 problem\n");
        assertThat(run(file)).isEqualTo(2);
        assertThat(dir.resolve("changed")).doesNotExist();
    }

    @Test
    void aNullIsAnErrorWhereTextIsNeededUnlessTheTemplateSaysWhatToUse() throws Exception {
        String file = runbook("""
                  - { id: a, action: exec, with: { shell: "echo [{{ params.n | default('none') }}] > DIR/a.txt" } }
                  - { id: b, action: exec, with: { cmd: [touch, "DIR/b-{{ params.n }}"] } }
                """);
        assertThat(cli("plan", file)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("run touch DIR/b-{{ params.n }}".replace("DIR", dir.toString()));
        assertThat(run(file)).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("[none]\n");
        assertThat(err.toString()).contains("failed b in").contains("params.n is null, and text is needed here; "
                + "say what to use instead: {{ params.n | default('...') }}");
        assertThat(dir.resolve("b-")).doesNotExist();
    }
}
