package dev.runbook.report;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A run as JUnit XML, so CI shows it like a test suite: one testcase per step and one per verify
 * check that ran. Failed, interrupted and undo-failed steps are failures (message: the error; body:
 * the command and its stderr tail); skipped steps are skipped; a step still {@code running} in a
 * finished run is an error (the executor died in it). Attempts that failed before the last one are
 * {@code flakyFailure} or {@code rerunFailure} elements; each resume is a property. Written with
 * StAX, which escapes everything.
 */
public final class JUnitReport {

    private JUnitReport() {
    }

    @SuppressWarnings("unchecked")
    public static String of(Map<String, Object> context) {
        Map<String, Object> run = (Map<String, Object>) context.get("run");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) context.get("steps");
        String suite = run.get("runbook") + " run " + run.get("id");
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (Map<String, Object> step : steps) {
            tests += 1 + ReportModel.verificationsOf(step).size();
            String kind = kind(step);
            failures += kind.equals("failure") ? 1 : 0;
            errors += kind.equals("error") ? 1 : 0;
            skipped += kind.equals("skipped") ? 1 : 0;
            failures += (int) ReportModel.verificationsOf(step).stream().filter(c -> !(Boolean) c.get("ok")).count();
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "runbook");
            counts(xml, tests, failures, errors, skipped, run.get("duration_ms"));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", clean(suite));
            counts(xml, tests, failures, errors, skipped, run.get("duration_ms"));
            xml.writeAttribute("timestamp", String.valueOf(run.get("started_at")));
            xml.writeAttribute("hostname", clean(String.valueOf(run.get("host"))));
            properties(xml, run, (Map<String, Object>) context.get("params"),
                (List<Map<String, Object>>) context.get("resumes"));
            String className = "runbook." + run.get("runbook");
            for (Map<String, Object> step : steps) {
                step(xml, className, step);
                for (Map<String, Object> check : ReportModel.verificationsOf(step)) {
                    check(xml, className + "." + step.get("id"), check);
                }
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static String kind(Map<String, Object> step) {
        String status = String.valueOf(step.get("status"));
        if (Boolean.TRUE.equals(step.get("failed"))) {
            return "failure";
        }
        return switch (status) {
            case "skipped" -> "skipped";
            case "running" -> "error";
            default -> "ok";
        };
    }

    private static void counts(XMLStreamWriter xml, int tests, int failures, int errors, int skipped, Object millis)
            throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
        xml.writeAttribute("skipped", String.valueOf(skipped));
        xml.writeAttribute("time", seconds(millis));
    }

    private static void properties(XMLStreamWriter xml, Map<String, Object> run, Map<String, Object> params,
                                   List<Map<String, Object>> resumes) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        for (String key : List.of("id", "runbook", "scenario", "status", "user", "host", "dry_run")) {
            property(xml, "run." + key, run.get(key));
        }
        for (int i = 0; i < resumes.size(); i++) {
            property(xml, "run.resumed." + (i + 1), resumes.get(i).get("at") + " (was "
                    + resumes.get(i).get("status_before") + ")");
        }
        for (Map.Entry<String, Object> param : params.entrySet()) {
            property(xml, "params." + param.getKey(), param.getValue());
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", clean(name));
        xml.writeAttribute("value", clean(value == null ? "" : String.valueOf(value)));
    }

    private static void step(XMLStreamWriter xml, String className, Map<String, Object> step)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(className));
        String title = String.valueOf(step.get("title"));
        xml.writeAttribute("name", clean("step " + step.get("id") + (title.isEmpty() ? "" : " (" + title + ")")));
        xml.writeAttribute("time", seconds(step.get("duration_ms")));
        String kind = kind(step);
        String error = String.valueOf(step.get("error"));
        if (kind.equals("failure")) {
            element(xml, "failure", error, step.get("status").toString(), failureBody(step));
        } else if (kind.equals("error")) {
            element(xml, "error", "still running when the run ended: the executor died in this step", "running",
                    "");
        } else if (kind.equals("skipped")) {
            xml.writeCharacters("\n      ");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", clean(String.valueOf(step.get("reason"))));
        }
        earlierFailures(xml, step, kind.equals("failure"));
        Object stdout = ((Map<?, ?>) step.get("outputs")).get("stdout");
        if (stdout != null && !String.valueOf(stdout).isEmpty()) {
            xml.writeCharacters("\n      ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(String.valueOf(stdout)));
            xml.writeEndElement();
        }
        Object stderr = ((Map<?, ?>) step.get("outputs")).get("stderr");
        if (stderr != null && !String.valueOf(stderr).isEmpty()) {
            xml.writeCharacters("\n      ");
            xml.writeStartElement("system-err");
            xml.writeCharacters(clean(String.valueOf(stderr)));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    /**
     * The attempts that failed before the last one (retries, resumes), as Maven Surefire writes a
     * test that was run again: {@code flakyFailure} when the step succeeded in the end,
     * {@code rerunFailure} when it failed again. CI tools that know them show a flaky step; the
     * others ignore them, and the testcase's outcome is the last attempt's.
     */
    @SuppressWarnings("unchecked")
    private static void earlierFailures(XMLStreamWriter xml, Map<String, Object> step, boolean failedInTheEnd)
            throws XMLStreamException {
        List<Map<String, Object>> failed = (List<Map<String, Object>>) step.get("failed_attempts");
        for (Map<String, Object> attempt : failed) {
            if (attempt.get("attempt").equals(step.get("attempts")) && failedInTheEnd) {
                continue; // the last attempt: the testcase's own failure
            }
            xml.writeCharacters("\n      ");
            xml.writeStartElement(failedInTheEnd ? "rerunFailure" : "flakyFailure");
            xml.writeAttribute("message", clean(String.valueOf(attempt.get("error"))));
            xml.writeAttribute("type", clean(String.valueOf(attempt.get("status"))));
            xml.writeStartElement("stackTrace");
            xml.writeCharacters(clean("attempt " + attempt.get("attempt") + ", " + attempt.get("status") + " at "
                    + attempt.get("ended_at") + (attempt.get("exit_code") == null ? "" : " (exit code "
                    + attempt.get("exit_code") + ")") + (String.valueOf(attempt.get("failure_text")).isEmpty() ? ""
                    : ", " + attempt.get("failure_text")) + ": " + attempt.get("error")));
            xml.writeEndElement();
            xml.writeEndElement();
        }
    }

    private static String failureBody(Map<String, Object> step) {
        StringBuilder body = new StringBuilder();
        if (!String.valueOf(step.get("failure_text")).isEmpty()) { // refused, or may have changed something
            body.append("outcome: ").append(step.get("failure_text")).append('\n');
        }
        if (!String.valueOf(step.get("command")).isEmpty()) {
            body.append("command: ").append(step.get("command")).append('\n');
        }
        if (step.get("exit_code") != null) {
            body.append("exit code: ").append(step.get("exit_code")).append('\n');
        }
        body.append("attempts: ").append(step.get("attempts")).append('\n');
        if (!String.valueOf(step.get("stderr_tail")).isEmpty()) {
            body.append("stderr (last lines):\n").append(step.get("stderr_tail")).append('\n');
        }
        return body.toString();
    }

    private static void check(XMLStreamWriter xml, String className, Map<String, Object> check)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(className));
        xml.writeAttribute("name", clean("verify " + check.get("position") + ": " + check.get("action")));
        xml.writeAttribute("time", "0");
        if (!(Boolean) check.get("ok")) {
            element(xml, "failure", String.valueOf(check.get("message")), "verify_failed",
                    String.valueOf(check.get("message")));
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String message, String type, String body)
            throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeStartElement(name);
        xml.writeAttribute("message", clean(message));
        xml.writeAttribute("type", clean(type));
        xml.writeCharacters(clean(body));
        xml.writeEndElement();
    }

    private static String seconds(Object millis) {
        long value = millis instanceof Number number ? number.longValue() : 0;
        return String.format(Locale.ROOT, "%.3f", value / 1000.0);
    }

    /** XML 1.0 cannot carry most control characters, even escaped: a command's output may hold them. */
    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            out.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return out.toString();
    }
}
