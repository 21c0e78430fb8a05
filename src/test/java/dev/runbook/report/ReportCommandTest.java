package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** runbook report and report.render on real runs: failing checks in JUnit, files kept, bad input. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private String run(String runbook, String... extra) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, "format: 1\nname: r\n" + runbook);
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--json", "--state",
                dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        Result result = cli(args.toArray(String[]::new));
        Matcher id = Pattern.compile("\"run\":\"([^\"]+)\"").matcher(result.out());
        assertThat(id.find()).as(result.err()).isTrue();
        return id.group(1);
    }

    @Test
    void aFailingVerifyCheckIsAFailedTestcaseOfItsOwn() throws Exception {
        String runId = run("""
                steps:
                  - id: migrate
                    action: exec
                    with: { cmd: [echo, "head: 4f2a"] }
                    verify:
                      - assert: { that: "{{ steps['migrate'].outputs.exit_code == 0 }}" }
                      - assert: { that: "{{ steps['migrate'].outputs.stdout contains 'ae1027a6' }}", message: "not at head ae1027a6" }
                      - assert: { that: "true" }
                """);
        Result junit = cli("report", runId, "--format", "junit", "--state", dir.resolve("state").toString());
        assertThat(junit.code()).as(junit.err()).isZero();
        Document xml = ReportGoldenTest.parse(junit.out());
        // The step and the two checks that ran; the third never ran, so it is not a testcase.
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Element check = (Element) xml.getElementsByTagName("testcase").item(2);
        assertThat(check.getAttribute("name")).isEqualTo("verify 2: assert");
        assertThat(((Element) check.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("not at head ae1027a6");
        Result markdown = cli("report", runId, "--state", dir.resolve("state").toString());
        assertThat(markdown.out()).contains("| ❌ | migrate | failed | 1 | ").contains(" | ✅❌ |")
                .contains("2 verify checks, 1 failed");
    }

    @Test
    void reportRenderKeepsAnEarlierFileAndADryRunWritesNothing() throws Exception {
        Path target = dir.resolve("out/REPORT.md");
        String runbook = """
                steps:
                  - id: fail
                    action: exec
                    with: { cmd: ["false"] }
                on_failure:
                  - id: report
                    action: report.render
                    with: { template: failure-report.md.peb, to: "%s" }
                """.formatted(target);
        run(runbook, "--dry-run");
        assertThat(target).doesNotExist();
        Files.createDirectories(target.getParent());
        Files.writeString(target, "notes a person wrote\n");
        String first = run(runbook);
        assertThat(Files.readString(target)).contains("Step **fail** ended **failed**").contains(first);
        assertThat(target.resolveSibling("REPORT.md.~1~")).hasContent("notes a person wrote");
        String second = run(runbook);
        assertThat(Files.readString(target)).contains(second);
        assertThat(Files.readString(target.resolveSibling("REPORT.md.~2~"))).contains(first);
    }

    @Test
    void aTemplateGivenAsAPathUsesOnlyItsOwnFolder() throws Exception {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("short.md.peb"), "{{ run.id }} {{ failed_step.id }} {% include 'part.peb' %}");
        Files.writeString(mine.resolve("part.peb"), "from my folder");
        Path target = dir.resolve("short.md");
        String runId = run("""
                steps:
                  - { id: boom, action: exec, with: { cmd: ["false"] } }
                finally:
                  - id: report
                    action: report.render
                    with: { template: "%s", to: "%s" }
                """.formatted(mine.resolve("short.md.peb"), target));
        assertThat(target).hasContent(runId + " boom from my folder");
    }

    @Test
    void badInputIsOneLineWithAHint() throws Exception {
        String runId = run("steps:\n  - { id: a, action: exec, with: { cmd: [\"true\"] } }\n");
        String state = dir.resolve("state").toString();
        Result unknown = cli("report", "20990101-000000-0000", "--state", state);
        assertThat(unknown.code()).isEqualTo(66);
        assertThat(unknown.err()).startsWith("runbook: no run 20990101-000000-0000 in ");
        Result format = cli("report", runId, "--format", "pdf", "--state", state);
        assertThat(format.code()).isEqualTo(64);
        assertThat(format.err()).startsWith("runbook: --format must be markdown, html or junit, got 'pdf'");
        Result template = cli("report", runId, "--template", "../../etc/passwd", "--state", state);
        assertThat(template.code()).isEqualTo(2);
        assertThat(template.err()).contains("must be a plain relative name").doesNotContain("root:");
        Result noJournal = cli("report", runId, "--state", dir.resolve("elsewhere").toString());
        assertThat(noJournal.code()).isEqualTo(66);
        Result ok = cli("report", runId, "--format", "html", "--state", state);
        assertThat(ok.code()).isZero();
        assertThat(ReportGoldenTest.parse(ok.out()).getDocumentElement().getTagName()).isEqualTo("html");
    }
}
