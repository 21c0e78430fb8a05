package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.ValueType;
import java.util.List;

/** Stopping and starting services. */
final class ProcessActions {

    private ProcessActions() {
    }

    static List<ActionSpec> all() {
        return List.of(
                define("process.stop", "Stop the application's processes: chosen by command-line pattern, "
                        + "pidfile, working directory, program or listening port, every criterion given narrowing "
                        + "the others; TERM, wait for the grace period, KILL what is left, then confirm they are "
                        + "gone. Never this or any other runbook process.")
                        .preview(PreviewKind.PROBED)
                        .idempotent()
                        .optional("match", ValueType.STRINGS, "Regular expressions matched against full command "
                                + "lines (like pkill -f); any one found is a match.",
                                "[\"uvicorn.*tmws\"]")
                        .optional("pidfile", ValueType.PATH, "A file holding the pid to stop.", "run/server.pid")
                        .optional("cwd_under", ValueType.PATH, "Only processes whose working directory is this "
                                + "folder or under it.", "\"{{ params.app_dir }}\"")
                        .optional("exe", ValueType.PATH, "Only processes running this program (or a program under "
                                + "this folder), as the kernel names it or as it was started.",
                                "\"{{ params.app_dir }}/.venv\"")
                        .optional("user", ValueType.STRING, "Only processes of this user (name or uid).", "tmws")
                        .optional("port", ValueType.INT, "Only processes listening on this TCP port.", "8001")
                        .optional("grace", ValueType.DURATION, "5s", "How long to wait after TERM before KILL.", "3s")
                        .atLeastOneOf("match", "pidfile", "cwd_under", "exe", "port")
                        .output("pids", "list", "The pids that were stopped.")
                        .output("stopped", "int", "How many processes were stopped.")
                        .plan("stop processes[ matching {match}][ from pidfile {pidfile}][ under {cwd_under}]"
                                + "[ running {exe}][ of user {user}][ on port {port}][ (grace {grace})]")
                        .build(),
                define("process.start", "Start a detached process with its own log file and pidfile, then wait "
                        + "until it is ready (HTTP answer or open port).")
                        .optional("cmd", ValueType.ARGV, "The command and its arguments.",
                                "[python, -m, mcp_server]")
                        .optional("shell", ValueType.SHELL, "A shell command line for sh -c; values inserted by "
                                + "templates are shell-quoted.",
                                "\"exec python -m mcp_server\"")
                        .optional("cwd", ValueType.PATH, "Working directory.", "\"{{ params.app_dir }}\"")
                        .optional("env", new ValueType.MapOf(ValueType.STRING), "Extra environment variables.",
                                "{ PORT: \"8001\" }")
                        .optional("log", ValueType.PATH, "File that receives stdout and stderr (default: the "
                                + "run's log folder).", "logs/server.log")
                        .optional("pidfile", ValueType.PATH, "Where to write the new pid.", "run/server.pid")
                        .optional("ready_url", ValueType.STRING, "Ready when this URL answers 2xx.",
                                "http://127.0.0.1:8001/health")
                        .optional("ready_port", ValueType.INT, "Ready when this local TCP port accepts.", "8001")
                        .optional("ready_timeout", ValueType.DURATION, "30s", "How long to wait for readiness.", "10s")
                        .exactlyOneOf("cmd", "shell")
                        .output("pid", "int", "The started process's pid.")
                        .plan("start {cmd}{shell}[ in {cwd}][, ready at {ready_url}][, ready on port {ready_port}]")
                        .build());
    }
}
