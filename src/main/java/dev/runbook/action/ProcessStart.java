package dev.runbook.action;

import dev.runbook.process.PlannedProcess;
import dev.runbook.process.ProcessStarter;
import dev.runbook.process.Readiness;
import dev.runbook.process.StartResult;
import dev.runbook.process.StartSpec;
import dev.runbook.spec.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** process.start: detached, its own log and pidfile, ready by URL or port. */
final class ProcessStart implements BuiltIn {

    static final Param<List<String>> CMD = Param.argv("cmd", "The command and its arguments.",
            "[python, -m, mcp_server]");
    static final Param<String> SHELL = Param.shell("shell", "A shell command line for sh -c; values inserted by "
            + "templates are shell-quoted.", "\"exec python -m mcp_server\"");
    static final Param<Path> CWD = Param.path("cwd", "Working directory.", "\"{{ params.app_dir }}\"");
    static final Param<Map<String, Object>> ENV = Param.map("env", ValueType.STRING, "Extra environment variables.",
            "{ PORT: \"8001\" }");
    static final Param<Path> LOG = Param.path("log", "File that receives stdout and stderr (default: the run's log "
            + "folder).", "logs/server.log");
    static final Param<Path> PIDFILE = Param.path("pidfile", "Where to write the new pid.", "run/server.pid");
    static final Param<String> READY_URL = Param.string("ready_url", "Ready when this URL answers 2xx.",
            "http://127.0.0.1:8001/health");
    static final Param<Long> READY_PORT = Param.integer("ready_port", "Ready when this local TCP port accepts.", "8001");
    static final Param<Duration> READY_TIMEOUT = Param.duration("ready_timeout", "How long to wait for readiness.",
            "10s").byDefault("30s");

    static final Output<Long> PID = Output.integer("pid", "The started process's pid.");

    private static final ActionSpec SPEC = ActionSpec.define("process.start", "Start a detached process with its own "
                    + "log file and pidfile, then wait until it is ready (HTTP answer or open port).")
            .params(CMD, SHELL, CWD, ENV, LOG, PIDFILE, READY_URL, READY_PORT, READY_TIMEOUT)
            .exactlyOneOf(CMD, SHELL)
            .outputs(PID)
            .plan("start {cmd}{shell}[ in {cwd}][, ready at {ready_url}][, ready on port {ready_port}]")
            .reads(PreviewReads.NOTHING)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        context.run().simulated().wouldStart(context.stepId(), new PlannedProcess(CommandLine.of(context, CMD, SHELL),
                context.findPath(CWD), context.findPath(PIDFILE), context.find(READY_PORT).map(Long::intValue)));
        return new Preview(PreviewKind.SIMULATED, List.of("would start "
                + CommandLine.describe(CommandLine.of(context, CMD, SHELL), context, CWD, ENV)
                + readiness(context).map(r -> ", ready when " + r.describe()).orElse("")), Map.of());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        List<String> command = CommandLine.of(context, CMD, SHELL);
        Path log = context.findPath(LOG).orElse(context.logFile());
        StartSpec spec = StartSpec.of(command, log).withEnv(CommandLine.env(context, ENV));
        Optional<Path> cwd = context.findPath(CWD);
        if (cwd.isPresent()) {
            spec = spec.withCwd(cwd.get());
        }
        Optional<Path> pidfile = context.findPath(PIDFILE);
        if (pidfile.isPresent()) {
            spec = spec.withPidfile(pidfile.get());
        }
        spec = spec.withReadiness(readiness(context).orElse(Readiness.none()), context.get(READY_TIMEOUT));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            StartResult result = new ProcessStarter().start(spec);
            Map<String, Object> outputs = new Outputs().put(PID, result.pid()).map();
            return result.ok() ? Outcome.ok(outputs) : Outcome.failed(result.message()
                    + (result.logTail().isBlank() ? "" : "; log ends: " + result.logTail().strip().lines()
                    .reduce((a, b) -> b).orElse("")), outputs);
        } catch (IOException e) {
            throw new ActionException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Readiness> readiness(StepContext context) throws ActionException {
        Optional<String> url = context.find(READY_URL);
        if (url.isPresent()) {
            try {
                return Optional.of(Readiness.url(url.get()));
            } catch (IllegalArgumentException e) {
                throw ActionException.refused("ready_url " + url.get() + " is not a URL: " + e.getMessage(), e);
            }
        }
        return context.find(READY_PORT).map(port -> Readiness.port(port.intValue()));
    }
}
