package dev.runbook.report;

import dev.runbook.journal.Journal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One past or current run rendered: the journal's model through a template, or as JUnit XML. */
public final class Reports {

    /** The template for each --format; junit is written by code, not a template. */
    public static final Map<String, String> FORMATS = Map.of("markdown", "run-summary.md.peb",
            "html", "run-summary.html.peb");

    private Reports() {
    }

    /** The places a template is looked for: each given directory, then the bundled templates. */
    public static TemplateRoots roots(List<Path> directories) {
        return new TemplateRoots(directories);
    }

    public static String render(Journal journal, String runId, String template, TemplateRoots roots,
                                List<Map<String, Object>> facts) throws ReportException {
        Map<String, Object> context = ReportModel.load(journal, runId, facts, Instant.now());
        return new ReportTemplates(roots).render(template, context);
    }

    /** A rendering, and the run status it describes (what the run will end as, while it runs). */
    public record Rendered(String text, String runStatus) {
    }

    @SuppressWarnings("unchecked")
    public static Rendered renderWithStatus(Journal journal, String runId, String template, TemplateRoots roots,
                                            List<Map<String, Object>> facts) throws ReportException {
        Map<String, Object> context = ReportModel.load(journal, runId, facts, Instant.now());
        String text = new ReportTemplates(roots).render(template, context);
        return new Rendered(text, String.valueOf(((Map<String, Object>) context.get("run")).get("status")));
    }

    public static String junit(Journal journal, String runId) {
        return JUnitReport.of(ReportModel.load(journal, runId, List.of(), Instant.now()));
    }
}
