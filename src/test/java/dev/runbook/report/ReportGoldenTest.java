package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Every shipped template rendered from the journal of one real failed run, compared with a golden
 * file under src/test/resources/reports (times, ids, durations, hashes, paths, user and host
 * normalised). Regenerate after a deliberate change with -Dgolden.update=true, then read the diff.
 */
class ReportGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/reports");

    @TempDir
    static Path dir;

    static FailedRun run;
    static RunRecord record;

    @BeforeAll
    static void failARun() throws Exception {
        run = FailedRun.in(dir);
        assertThat(run.exitCode).as(run.err).isEqualTo(4);
        try (Journal journal = Journal.open(run.state.resolve("journal.db"))) {
            record = journal.run(run.runId).orElseThrow();
        }
    }

    @Test
    void theFailureReportWrittenInOnFailureMatchesItsGolden() throws Exception {
        String report = Files.readString(run.forensics().resolve("FAILURE_REPORT.md"));
        assertThat(report).contains("Run Started").contains("still running its on_failure/finally steps")
                .contains("**Rollback Completed**: 20");
        golden("failure-report.in-run.md", report);
    }

    @Test
    void theFailureReportRenderedAgainLaterMatchesItsGolden() throws Exception {
        FailedRun.Result result = run.report("--template", "failure-report.md.peb");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("- git HEAD of ").contains("- alembic revision of ")
                .contains(": 4f2a9c1e7b3d").doesNotContain("s3cr3t-t0ken").contains("- token: \\*\\*\\*");
        golden("failure-report.md", result.out());
    }

    @Test
    void theMarkdownSummaryMatchesItsGolden() throws Exception {
        FailedRun.Result result = run.report();
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("## ↩️ tmws: rolled_back");
        golden("run-summary.md", result.out());
    }

    @Test
    void thePostMortemMatchesItsGolden() throws Exception {
        FailedRun.Result result = run.report("--template", "post-mortem.md.peb");
        assertThat(result.code()).as(result.err()).isZero();
        golden("post-mortem.md", result.out());
    }

    @Test
    void theHtmlPageIsWellFormedEscapedAndMatchesItsGolden() throws Exception {
        Path page = dir.resolve("summary.html");
        FailedRun.Result result = run.report("--format", "html", "--out", page.toString());
        assertThat(result.code()).as(result.err()).isZero();
        String html = Files.readString(page, StandardCharsets.UTF_8);
        Document document = parse(html);
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(document.getElementsByTagName("link").getLength()).isZero();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("{{7*7}}").doesNotContain(">49<").doesNotContain("src=\"").doesNotContain("href=\"http");
        // One timeline bar per step, coloured by status.
        assertThat(document.getElementsByTagName("rect").getLength()).isEqualTo(2 * 6);
        assertThat(html).contains("<rect class=\"s-failed\"").contains("<rect class=\"s-skipped\"");
        golden("run-summary.html", html);
    }

    @Test
    void theJUnitXmlParsesWithOneTestcasePerStepAndCheck() throws Exception {
        FailedRun.Result result = run.report("--format", "junit");
        assertThat(result.code()).as(result.err()).isZero();
        Document xml = parse(result.out());
        // prepare, health, migrate, never, prepare:undo, failure-report: 6 steps; health's 2 checks.
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(8);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        org.w3c.dom.Element suite = (org.w3c.dom.Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("8");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        org.w3c.dom.Element failure = (org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("exit 3 (expected 0)");
        assertThat(failure.getTextContent()).contains("<script>alert(1)</script> {{7*7}}").contains("exit code: 3");
        golden("run.junit.xml", result.out());
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private void golden(String name, String actual) throws Exception {
        String normalised = normalise(actual);
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, normalised, StandardCharsets.UTF_8);
        }
        assertThat(normalised).as("golden %s (regenerate with -Dgolden.update=true)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    private String normalise(String text) throws java.io.IOException {
        String out = text.replace(dir.toRealPath().toString(), "<DIR>").replace(dir.toString(), "<DIR>");
        out = out.replace(run.runId, "<RUN_ID>");
        out = out.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<TIME>");
        out = out.replaceAll("\\b\\d+ ms\\b|\\b\\d+\\.\\d s\\b|\\b\\d+ min \\d+ s\\b", "<DURATION>");
        out = out.replaceAll("time=\"\\d+\\.\\d+\"", "time=\"<S>\"");
        out = out.replaceAll("(x|width)=\"\\d+\\.\\d\"", "$1=\"<N>\"");
        out = out.replaceAll("\\b[0-9a-f]{64}\\b", "<SHA256>").replaceAll("\\b[0-9a-f]{40}\\b", "<SHA1>");
        out = out.replace(record.user() + " on " + record.host(), "<USER> on <HOST>");
        out = out.replace("\"" + record.host() + "\"", "\"<HOST>\"").replace("\"" + record.user() + "\"", "\"<USER>\"");
        return out;
    }
}
