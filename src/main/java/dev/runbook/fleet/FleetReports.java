package dev.runbook.fleet;

import dev.runbook.report.JUnitReport;
import dev.runbook.report.ReportFilters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fleet run written up from the fleet journal: text for {@code show}, Markdown, HTML with a host x
 * step matrix, and JUnit XML with one testsuite per host (one testcase per step) for CI.
 */
public final class FleetReports {

    private final FleetRunRecord run;
    private final List<HostRecord> hosts;
    private final Map<String, Map<String, String>> matrix;

    public FleetReports(FleetRunRecord run, List<HostRecord> hosts, Map<String, Map<String, String>> matrix) {
        this.run = run;
        this.hosts = List.copyOf(hosts);
        this.matrix = matrix;
    }

    public static FleetReports read(FleetJournal journal, String id) throws java.sql.SQLException {
        FleetRunRecord run = journal.run(id).orElseThrow(() -> new IllegalArgumentException("no fleet run " + id));
        return new FleetReports(run, journal.hosts(id), journal.steps(id));
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("fleet run ").append(run.id()).append(" of ").append(run.runbook()).append(run.dryRun() ? " (dry run)" : "")
                .append(": ").append(run.status()).append(run.exitCode().map(c -> " (exit " + c + ")").orElse(""))
                .append('\n');
        out.append("inventory: ").append(run.inventory()).append("  serial: ").append(run.serial()).append("  max-fail: ")
                .append(run.maxFail()).append("  fleet rollback: ").append(run.rollback() ? "on" : "off")
                .append("  started: ").append(run.startedAt()).append('\n');
        for (HostRecord host : hosts) {
            out.append(String.format("  %-16s wave %-3d %-13s %-24s %-8s %s%n", host.host(), host.wave(),
                    host.status().word(), host.remoteRun().map(r -> "run " + r).orElse("-"), took(host),
                    host.failedStep().map(s -> "failed at " + s + "  ").orElse("")
                            + host.undoRun().map(u -> "undone by " + u + "  ").orElse("") + host.error().orElse("")));
        }
        return out.toString();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Fleet run " + run.id() + ": " + run.status() + "\n\n");
        md.append("Runbook `").append(run.runbook()).append("`, inventory `").append(run.inventory())
                .append("`, waves `").append(run.serial()).append("`, max-fail `").append(run.maxFail())
                .append("`, fleet rollback ").append(run.rollback() ? "on" : "off").append(".\n\n");
        md.append("| host | wave | status | remote run | exit | failed step | took | error |\n|---|---|---|---|---|---|---|---|\n");
        for (HostRecord h : hosts) {
            md.append("| ").append(cell(h.host())).append(" | ").append(h.wave()).append(" | ").append(h.status().word())
                    .append(" | ").append(h.remoteRun().orElse("")).append(" | ")
                    .append(h.exitCode().map(String::valueOf).orElse("")).append(" | ").append(cell(h.failedStep().orElse("")))
                    .append(" | ").append(took(h)).append(" | ").append(cell(h.error().orElse(""))).append(" |\n");
        }
        return md.toString();
    }

    public String html() {
        List<String> steps = steps();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Fleet run ")
                .append(esc(run.id())).append("</title><style>td,th{border:1px solid #ccc;padding:2px 6px}"
                        + ".succeeded,.undone{background:#dfd}.failed,.undo\\ failed{background:#fdd}</style></head><body>\n")
                .append("<h1>Fleet run ").append(esc(run.id())).append(": ").append(esc(run.status())).append("</h1>\n")
                .append("<table>\n<tr><th>host</th><th>wave</th><th>status</th>");
        steps.forEach(s -> html.append("<th>").append(esc(s)).append("</th>"));
        html.append("<th>error</th></tr>\n");
        for (HostRecord h : hosts) {
            html.append("<tr><td>").append(esc(h.host())).append("</td><td>").append(h.wave()).append("</td><td>")
                    .append(esc(h.status().word())).append("</td>");
            Map<String, String> row = matrix.getOrDefault(h.host(), Map.of());
            for (String step : steps) {
                String status = row.getOrDefault(step, "");
                html.append("<td class=\"").append(esc(status)).append("\">").append(esc(status)).append("</td>");
            }
            html.append("<td>").append(esc(h.error().orElse(""))).append("</td></tr>\n");
        }
        return html.append("</table>\n</body></html>\n").toString();
    }

    public String junit() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
                .append(esc(run.id())).append("\">\n");
        for (HostRecord h : hosts) {
            Map<String, String> row = matrix.getOrDefault(h.host(), Map.of());
            long failures = row.values().stream().filter(FleetReports::failing).count();
            boolean hostFailed = h.status().failed() && failures == 0;
            xml.append("  <testsuite name=\"").append(esc(h.host())).append("\" tests=\"")
                    .append(Math.max(1, row.size())).append("\" failures=\"").append(failures + (hostFailed ? 1 : 0))
                    .append("\">\n");
            row.forEach((step, status) -> {
                xml.append("    <testcase classname=\"").append(esc(h.host())).append("\" name=\"").append(esc(step))
                        .append("\">");
                if (failing(status)) {
                    xml.append("<failure message=\"").append(esc(status)).append("\">")
                            .append(esc(h.error().orElse(status))).append("</failure>");
                } else if (status.equals("skipped")) {
                    xml.append("<skipped/>");
                }
                xml.append("</testcase>\n");
            });
            if (row.isEmpty() || hostFailed) {
                xml.append("    <testcase classname=\"").append(esc(h.host())).append("\" name=\"host\">");
                if (h.status().failed()) {
                    xml.append("<failure message=\"").append(esc(h.status().word())).append("\">")
                            .append(esc(h.error().orElse(h.status().word()))).append("</failure>");
                } else if (h.status() == HostStatus.NOT_STARTED) {
                    xml.append("<skipped/>");
                }
                xml.append("</testcase>\n");
            }
            xml.append("  </testsuite>\n");
        }
        return xml.append("</testsuites>\n").toString();
    }

    /** A step that failed, or in a dry run would refuse or fail. */
    private static boolean failing(String status) {
        return status.contains("failed") || status.contains("refuse") || status.contains("would fail");
    }

    private List<String> steps() {
        Set<String> steps = new LinkedHashSet<>();
        matrix.values().forEach(row -> steps.addAll(row.keySet()));
        return new ArrayList<>(steps);
    }

    private static String took(HostRecord host) {
        Optional<Duration> took = host.startedAt().flatMap(s -> host.endedAt().map(e -> Duration.between(s, e)));
        return took.map(d -> String.format("%.1fs", d.toMillis() / 1000.0)).orElse("");
    }

    /** Text in a Markdown table cell, as the single-host reports write one. */
    private static String cell(String text) {
        return ReportFilters.markdownInline(text);
    }

    /** For HTML and XML: what XML 1.0 cannot hold replaced as the single-host JUnit report does, markup escaped. */
    private static String esc(String text) {
        return JUnitReport.clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
