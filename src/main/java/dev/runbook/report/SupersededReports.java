package dev.runbook.report;

import dev.runbook.journal.Journal;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After a resume: a report an earlier invocation of the run rendered (a FAILURE_REPORT.md from
 * on_failure) describes the run as it stood then. When the run now ends otherwise and this
 * invocation did not write that file again, a note goes at the top of the file saying so, and
 * where the report of the run as it ended comes from. The text below the note is kept as it was
 * (a person may have written into it), and the file before the note is kept as {@code FILE.~N~}.
 */
public final class SupersededReports {

    private static final String MARKDOWN_NOTE = "> **Superseded**";
    private static final Pattern HTML_NOTE = Pattern.compile("<p class=\"runbook-superseded\"[^\\n]*</p>\\n?");
    private static final Pattern BODY = Pattern.compile("<body[^>]*>\\n?", Pattern.CASE_INSENSITIVE);

    private SupersededReports() {
    }

    /** A report file marked superseded, and where its earlier text was kept. */
    public record Marked(Path file, Path keptAs) {
    }

    /**
     * {@code reportSteps}: the ids of the runbook's report.render steps; {@code resumedAt}: when this
     * invocation began (attempts from then on are its own); {@code finalStatus}: how the run ended
     * now, as the journal words it. A file that is gone, or cannot be rewritten, is left alone.
     */
    public static List<Marked> mark(Journal journal, String runId, Set<String> reportSteps, Instant resumedAt,
                                    String finalStatus, Instant now) throws IOException {
        Map<String, StepRecord> lastWriter = new LinkedHashMap<>();
        for (StepRecord attempt : journal.steps(runId)) {
            Object path = attempt.outputs().get("path");
            if (reportSteps.contains(attempt.stepId()) && attempt.status() == StepStatus.SUCCEEDED
                    && path instanceof String file && !file.isEmpty()) {
                lastWriter.put(file, attempt);
            }
        }
        List<Marked> marked = new ArrayList<>();
        for (Map.Entry<String, StepRecord> entry : lastWriter.entrySet()) {
            StepRecord writer = entry.getValue();
            // Reports from before run_status was recorded described a run still failing.
            String described = String.valueOf(writer.outputs().getOrDefault("run_status", "failed"));
            Path file = Path.of(entry.getKey());
            boolean rewrittenNow = !writer.startedAt().isBefore(resumedAt);
            if (rewrittenNow || described.equals(finalStatus) || !Files.isRegularFile(file)) {
                continue;
            }
            String note = "Superseded: run " + runId + " was resumed at " + Times.text(resumedAt) + " and ended "
                    + finalStatus + ". This report was written at " + writer.endedAt().map(Times::text).orElse("?")
                    + ", when the run stood at " + described + "; 'runbook report " + runId + "' renders the run as "
                    + "it ended (noted " + Times.text(now) + ").";
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Path kept = ReportFiles.write(file, noted(file, text, note)).orElseThrow();
            marked.add(new Marked(file, kept));
        }
        return marked;
    }

    /** The text with the note at its top, replacing the note an earlier resume put there. */
    static String noted(Path file, String text, String note) {
        String name = file.getFileName().toString();
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            String paragraph = "<p class=\"runbook-superseded\" role=\"note\"><strong>" + escapeHtml(note)
                    + "</strong></p>\n";
            String without = HTML_NOTE.matcher(text).replaceFirst("");
            Matcher body = BODY.matcher(without);
            return body.find() ? without.substring(0, body.end()) + (without.charAt(body.end() - 1) == '\n' ? ""
                    : "\n") + paragraph + without.substring(body.end()) : paragraph + without;
        }
        String without = text;
        if (text.startsWith(MARKDOWN_NOTE)) {
            int end = text.indexOf("\n\n");
            without = end < 0 ? "" : text.substring(end + 2);
        }
        return MARKDOWN_NOTE + ": " + note.substring("Superseded: ".length()).replace("\n", " ") + "\n\n" + without;
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
