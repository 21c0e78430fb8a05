package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.ValueType;
import java.util.List;

/** Running commands and checking HTTP endpoints. */
final class CommandActions {

    private CommandActions() {
    }

    static List<ActionSpec> all() {
        return List.of(
                define("exec", "Run a command: an argv list never touched by a shell, or a shell string run by "
                        + "sh -c with every template value shell-quoted.")
                        .preview(PreviewKind.OPAQUE)
                        .optional("cmd", ValueType.ARGV, "The command and its arguments, run directly.",
                                "[pytest, tests/unit, -q]")
                        .optional("shell", ValueType.SHELL, "A shell command line for sh -c; values inserted by "
                                + "templates are shell-quoted.", "\"pip freeze > {{ vars.snapshot }}\"")
                        .optional("cwd", ValueType.PATH, "Working directory.", "\"{{ params.app_dir }}\"")
                        .optional("env", new ValueType.MapOf(ValueType.STRING), "Extra environment variables.",
                                "{ TMWS_ENVIRONMENT: development }")
                        .optional("expect_exit", new ValueType.ListOf(ValueType.INT, true), "[0]",
                                "Exit codes that count as success.", "[0, 1]")
                        .exactlyOneOf("cmd", "shell")
                        .output("command", "string", "The command as run (argv joined by spaces; cwd and env "
                                + "names when given), for reports.")
                        .output("exit_code", "int", "The command's exit code.")
                        .output("stdout", "string", "The end of standard output (last 64 KiB).")
                        .output("stderr", "string", "The end of standard error (last 64 KiB).")
                        .plan("run {cmd}{shell}[ in {cwd}]")
                        .build(),
                define("http.check", "GET or HEAD a URL until it answers as expected or the deadline passes.")
                        .readOnly()
                        .required("url", ValueType.STRING, "The URL to ask.", "http://127.0.0.1:8001/health")
                        .optional("method", ValueType.choice("GET", "HEAD"), "GET", "HTTP method.", "HEAD")
                        .optional("expect_status", new ValueType.ListOf(ValueType.INT, true), "[200]",
                                "Status codes that count as healthy.", "[200, 204]")
                        .optional("body_contains", ValueType.STRING, "Text the body must contain.", "\"ok\"")
                        .optional("json", new ValueType.MapOf(ValueType.ANY), "JSON fields (dotted paths) and the "
                                + "values they must equal.", "{ status: healthy, \"checks.db\": true }")
                        .optional("headers", new ValueType.MapOf(ValueType.STRING), "Request headers.",
                                "{ Authorization: \"Bearer {{ params.api_token }}\" }")
                        .optional("request_timeout", ValueType.DURATION, "5s", "Timeout of one request.", "2s")
                        .optional("deadline", ValueType.DURATION, "30s", "Keep asking until this has passed.", "1m")
                        .optional("interval", ValueType.DURATION, "1s", "Pause between attempts.", "500ms")
                        .output("status", "int", "The last status code (0 when nothing answered).")
                        .output("body", "string", "The end of the last body (last 64 KiB).")
                        .plan("check {url} answers[ {expect_status}]")
                        .build());
    }
}
