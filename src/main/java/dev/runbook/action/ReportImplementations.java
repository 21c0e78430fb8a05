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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** report.render: this run, as the journal has it so far, through a report template into a file. */
final class ReportImplementations {

    private ReportImplementations() {
    }

    static Map<String, Action> all() {
        return Map.of("report.render", new Render());
    }

    static final class Render implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            Path to = context.workDir().resolve(context.args().required("to"));
            String template = context.args().required("template");
            return new Preview(PreviewKind.SIMULATED, List.of("would render " + template + " to " + to
                    + (Files.exists(to) ? " (keeping the existing file as " + to.getFileName() + ".~N~)" : "")),
                    Map.of());
        }

        /**
         * The steps before this one are on disk: this step's start is a durable commit of everything
         * recorded before it (docs/JOURNAL.md), so a second connection reads them.
         */
        @Override
        public Outcome run(StepContext context) throws ActionException {
            Path journalFile = context.run().journalFile().orElseThrow(() -> new ActionException(
                    "report.render needs a journaled run (runbook run keeps one); this run has none"));
            Path to = context.workDir().resolve(context.args().required("to"));
            Located located = locate(context);
            List<Map<String, Object>> facts = Facts.collect(context.workDir(), context.args().strings("git"),
                    context.args().strings("alembic"), context.args().strings("integrity"),
                    context.args().strings("checksums"));
            try (Journal journal = Journal.open(journalFile)) {
                Reports.Rendered rendered = Reports.renderWithStatus(journal, context.run().runId(), located.name(),
                        located.roots(), facts);
                java.util.Optional<Path> kept = ReportFiles.write(to, rendered.text());
                Map<String, Object> outputs = new LinkedHashMap<>();
                outputs.put("path", to.toAbsolutePath().normalize().toString());
                outputs.put("kept_as", kept.map(Path::toString).orElse(""));
                outputs.put("facts", facts);
                outputs.put("run_status", rendered.runStatus());
                return Outcome.ok(outputs);
            } catch (ReportException e) {
                throw new ActionException(e.getMessage(), e);
            } catch (IOException e) {
                throw new ActionException("cannot write " + to + ": " + e.getMessage(), e);
            }
        }

        /**
         * A name is looked up in templates/ of the working directory, then among the bundled ones; a
         * path to an existing file makes its own folder the only place templates (and its includes)
         * come from.
         */
        private static Located locate(StepContext context) throws ActionException {
            String template = context.args().required("template");
            Path asPath = context.workDir().resolve(template);
            if ((template.contains("/") || template.startsWith(".")) && Files.isRegularFile(asPath)) {
                Path absolute = asPath.toAbsolutePath().normalize();
                return new Located(absolute.getFileName().toString(), Reports.roots(List.of(absolute.getParent())));
            }
            return new Located(template, Reports.roots(List.of(context.workDir().resolve("templates"))));
        }
    }

    private record Located(String name, TemplateRoots roots) {
    }
}
