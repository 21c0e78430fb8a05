package dev.runbook.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * http.check: ask a URL until it answers as expected or the deadline passes. Read-only, so it also
 * runs in a dry run. The last answer (or the last connection error) is what a failure reports.
 */
final class HttpCheck implements Action {

    private static final int TAIL = 64 * 1024;

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "answers as expected now"
                : "does not answer as expected now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Arguments args = context.args();
        URI uri = URI.create(args.required("url"));
        Duration requestTimeout = args.duration("request_timeout").orElseThrow();
        long deadline = System.nanoTime() + args.duration("deadline").orElseThrow().toNanos();
        Duration interval = args.duration("interval").orElseThrow();
        List<Long> expected = args.strings("expect_status").stream().map(Long::parseLong).toList();
        HttpClient client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        String problem;
        Map<String, Object> outputs = outputs(0, "");
        do {
            try {
                HttpResponse<String> response = client.send(request(uri, args, requestTimeout),
                        HttpResponse.BodyHandlers.ofString());
                outputs = outputs(response.statusCode(), response.body());
                problem = mismatch(response, expected, args).orElse(null);
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

    private static HttpRequest request(URI uri, Arguments args, Duration timeout) throws ActionException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(args.required("method"), HttpRequest.BodyPublishers.noBody());
        args.map("headers").forEach((name, value) -> request.header(name, String.valueOf(value)));
        return request.build();
    }

    /** What is wrong with an answer, or empty when it is as expected. */
    private static Optional<String> mismatch(HttpResponse<String> response, List<Long> expected, Arguments args) {
        if (!expected.contains((long) response.statusCode())) {
            return Optional.of("answered " + response.statusCode() + ", expected " + expected);
        }
        Optional<String> contains = args.string("body_contains");
        if (contains.isPresent() && !response.body().contains(contains.get())) {
            return Optional.of("body does not contain \"" + contains.get() + "\"");
        }
        Map<String, Object> fields = args.map("json");
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
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("status", status);
        outputs.put("body", body.length() > TAIL ? body.substring(body.length() - TAIL) : body);
        return outputs;
    }
}
