package dev.runbook.action;

import dev.runbook.journal.Journal;
import dev.runbook.report.Facts;
import dev.runbook.report.ReportException;
import dev.runbook.report.ReportFiles;
import dev.runbook.report.Reports;
import dev.runbook.report.TemplateRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** report.render: this run, as the journal has it so far, through a report template into a file. */
final class ReportRender implements BuiltIn {

    static final Param<String> TEMPLATE = Param.string("template", "Template name in templates/, or a path.",
            "failure-report.md.peb").required();
    static final Param<Path> TO = Param.path("to", "The file to write.", "\"{{ run.forensics }}/FAILURE_REPORT.md\"")
            .required();
    static final Param<List<Path>> GIT = Param.paths("git", "Repositories whose HEAD to record as facts.", "[.]");
    static final Param<List<Path>> ALEMBIC = Param.paths("alembic", "SQLite databases whose alembic revision to "
            + "record as facts.", "[data/tmws.db]");
    static final Param<List<Path>> INTEGRITY = Param.paths("integrity", "SQLite databases whose PRAGMA "
            + "integrity_check result to record as facts (ok, or the first problems).", "[data/tmws.db.failed-phase4]");
    static final Param<List<Path>> CHECKSUMS = Param.paths("checksums", "Files whose SHA-256 to record as facts.",
            "[data/tmws.db, alembic.ini]");

    static final Output<Path> PATH = Output.path("path", "The written file.");
    static final Output<Object> KEPT_AS = Output.value("kept_as", "path", "Where the file it replaced was kept (empty "
            + "when none).");
    static final Output<List<Map<String, Object>>> FACTS = Output.list("facts", "The facts collected: name, kind, "
            + "subject, value each.");
    static final Output<String> RUN_STATUS = Output.string("run_status", "The run's status the report describes (what "
            + "it will end as, when rendered in on_failure or finally); a resume that ends otherwise marks the report "
            + "superseded.");

    private static final ActionSpec SPEC = ActionSpec.define("report.render", "Render a report template (templates/ "
                    + "in the working directory, then the bundled ones; or a path) over this run's journal into a "
                    + "file; an existing file is kept as FILE.~N~. See docs/TEMPLATES.md.")
            .idempotent()
            .params(TEMPLATE, TO, GIT, ALEMBIC, INTEGRITY, CHECKSUMS)
            .outputs(PATH, KEPT_AS, FACTS, RUN_STATUS)
            .plan("render {template} to {to}")
            .reads(PreviewReads.NOTHING)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Path to = context.path(TO);
        return new Preview(PreviewKind.SIMULATED, List.of("would render " + context.get(TEMPLATE) + " to " + to
                + (Files.exists(to) ? " (keeping the existing file as " + to.getFileName() + ".~N~)" : "")), Map.of());
    }

    /**
     * The steps before this one are on disk: this step's start is a durable commit of everything
     * recorded before it (docs/JOURNAL.md), so a second connection reads them.
     */
    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path journalFile = context.run().journalFile().orElseThrow(() -> ActionException.refused(
                "report.render needs a journaled run (runbook run keeps one); this run has none"));
        Path to = context.path(TO);
        Located located = locate(context);
        List<Map<String, Object>> facts = Facts.collect(context.workDir(), texts(context, GIT), texts(context, ALEMBIC),
                texts(context, INTEGRITY), texts(context, CHECKSUMS));
        try (Journal journal = Journal.open(journalFile)) {
            Reports.Rendered rendered = Reports.renderWithStatus(journal, context.run().runId(), located.name(),
                    located.roots(), facts);
            java.util.Optional<Path> kept = ReportFiles.write(to, rendered.text());
            return Outcome.ok(new Outputs().put(PATH, to.toAbsolutePath().normalize())
                    .put(KEPT_AS, kept.map(Path::toString).orElse("")).put(FACTS, facts)
                    .put(RUN_STATUS, rendered.runStatus()).map());
        } catch (ReportException e) {
            throw new ActionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ActionException("cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    private static List<String> texts(StepContext context, Param<List<Path>> paths) throws ActionException {
        return context.find(paths).orElse(List.of()).stream().map(Path::toString).toList();
    }

    /**
     * A name is looked up in templates/ of the working directory, then among the bundled ones; a
     * path to an existing file makes its own folder the only place templates (and its includes)
     * come from.
     */
    private static Located locate(StepContext context) throws ActionException {
        String template = context.get(TEMPLATE);
        Path asPath = context.workDir().resolve(template);
        if ((template.contains("/") || template.startsWith(".")) && Files.isRegularFile(asPath)) {
            Path absolute = asPath.toAbsolutePath().normalize();
            return new Located(absolute.getFileName().toString(), Reports.roots(List.of(absolute.getParent())));
        }
        return new Located(template, Reports.roots(List.of(context.workDir().resolve("templates"))));
    }

    private record Located(String name, TemplateRoots roots) {
    }
}
