package dev.runbook.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.spec.ValueType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * http.check: ask a URL until it answers as expected or the deadline passes. Read-only, so it also
 * runs in a dry run. The last answer (or the last connection error) is what a failure reports.
 */
final class HttpCheck implements BuiltIn {

    static final Param<String> URL = Param.string("url", "The URL to ask.", "http://127.0.0.1:8001/health").required();
    static final Param<String> METHOD = Param.oneOf("method", List.of("GET", "HEAD"), "HTTP method.", "HEAD")
            .byDefault("GET");
    static final Param<List<Long>> EXPECT_STATUS = Param.integers("expect_status", "Status codes that count as "
            + "healthy.", "[200, 204]").byDefault("[200]");
    static final Param<String> BODY_CONTAINS = Param.string("body_contains", "Text the body must contain.", "\"ok\"");
    static final Param<Map<String, Object>> JSON = Param.map("json", ValueType.ANY, "JSON fields (dotted paths) and "
            + "the values they must equal.", "{ status: healthy, \"checks.db\": true }");
    static final Param<Map<String, Object>> HEADERS = Param.map("headers", ValueType.STRING, "Request headers.",
            "{ Authorization: \"Bearer {{ params.api_token }}\" }");
    static final Param<Duration> REQUEST_TIMEOUT = Param.duration("request_timeout", "Timeout of one request.", "2s")
            .byDefault("5s");
    static final Param<Duration> DEADLINE = Param.duration("deadline", "Keep asking until this has passed.", "1m")
            .byDefault("30s");
    static final Param<Duration> INTERVAL = Param.duration("interval", "Pause between attempts.", "500ms")
            .byDefault("1s");

    static final Output<Long> STATUS = Output.integer("status", "The last status code (0 when nothing answered).");
    static final Output<String> BODY = Output.string("body", "The end of the last body (last 64 KiB).");

    private static final ActionSpec SPEC = ActionSpec.define("http.check", "GET or HEAD a URL until it answers as "
                    + "expected or the deadline passes.")
            .readOnly()
            .params(URL, METHOD, EXPECT_STATUS, BODY_CONTAINS, JSON, HEADERS, REQUEST_TIMEOUT, DEADLINE, INTERVAL)
            .outputs(STATUS, BODY)
            .plan("check {url} answers[ {expect_status}]")
            .reads(PreviewReads.NOTHING)
            .build();

    private static final int TAIL = 64 * 1024;

    /** What one attempt compares the answer with. */
    private record Expected(List<Long> statuses, Optional<String> bodyContains, Map<String, Object> json) {
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "answers as expected now"
                : "does not answer as expected now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        URI uri;
        try {
            uri = URI.create(context.get(URL));
        } catch (IllegalArgumentException e) {
            throw ActionException.refused("url " + context.get(URL) + " is not a URL: " + e.getMessage(), e);
        }
        Duration requestTimeout = context.get(REQUEST_TIMEOUT);
        long deadline = System.nanoTime() + context.get(DEADLINE).toNanos();
        Duration interval = context.get(INTERVAL);
        Expected expected = new Expected(context.get(EXPECT_STATUS), context.find(BODY_CONTAINS),
                context.find(JSON).orElse(Map.of()));
        HttpRequest request = request(uri, context, requestTimeout);
        HttpClient client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        String problem;
        Map<String, Object> outputs = outputs(0, "");
        do {
            try {
                HttpResponse<String> response = client.send(request,
                        HttpResponse.BodyHandlers.ofString());
                outputs = outputs(response.statusCode(), response.body());
                problem = mismatch(response, expected).orElse(null);
                if (problem == null) {
                    return Outcome.ok(outputs);
                }
            } catch (IOException e) {
                problem = "no answer: " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                        : " " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed("interrupted", outputs);
            }
        } while (!context.cancellation().cancelled() && pause(interval, deadline, context.cancellation()));
        return Outcome.failed(context.cancellation().cancelled() ? context.cancellation().reason()
                : uri + " " + problem, outputs);
    }

    private static HttpRequest request(URI uri, StepContext context, Duration timeout) throws ActionException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(context.get(METHOD), HttpRequest.BodyPublishers.noBody());
            context.find(HEADERS).orElse(Map.of()).forEach((name, value) -> request.header(name, String.valueOf(value)));
            return request.build();
        } catch (IllegalArgumentException e) {
            throw ActionException.refused("cannot ask " + uri + ": " + e.getMessage(), e);
        }
    }

    /** What is wrong with an answer, or empty when it is as expected. */
    private static Optional<String> mismatch(HttpResponse<String> response, Expected expected) {
        if (!expected.statuses().contains((long) response.statusCode())) {
            return Optional.of("answered " + response.statusCode() + ", expected " + expected.statuses());
        }
        Optional<String> contains = expected.bodyContains();
        if (contains.isPresent() && !response.body().contains(contains.get())) {
            return Optional.of("body does not contain \"" + contains.get() + "\"");
        }
        Map<String, Object> fields = expected.json();
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            return Optional.of("body is not JSON");
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            JsonNode value = json;
            for (String part : field.getKey().split("\\.")) {
                value = value == null ? null : value.get(part);
            }
            String actual = value == null ? null : value.isValueNode() ? value.asText() : value.toString();
            if (actual == null || !actual.equals(String.valueOf(field.getValue()))) {
                return Optional.of("JSON " + field.getKey() + " is " + actual + ", expected " + field.getValue());
            }
        }
        return Optional.empty();
    }

    /** Waits the interval (never past the deadline); false when interrupted or the deadline has passed. */
    private static boolean pause(Duration interval, long deadline, Cancellation cancellation) {
        Duration untilDeadline = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        Duration wait = interval.compareTo(untilDeadline) < 0 ? interval : untilDeadline;
        return cancellation.sleep(wait) != Cancellation.Slept.INTERRUPTED && System.nanoTime() - deadline < 0;
    }

    private static Map<String, Object> outputs(int status, String body) {
        return new Outputs().put(STATUS, (long) status)
                .put(BODY, body.length() > TAIL ? body.substring(body.length() - TAIL) : body).map();
    }
}
