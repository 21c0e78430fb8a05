package dev.runbook.action;

import dev.runbook.process.CommandResult;
import dev.runbook.process.CommandRunner;
import dev.runbook.process.CommandSpec;
import dev.runbook.process.ProcessInfo;
import dev.runbook.process.ProcessMatcher;
import dev.runbook.process.ProcessScope;
import dev.runbook.process.ProcessStarter;
import dev.runbook.process.ProcessStopper;
import dev.runbook.process.Readiness;
import dev.runbook.process.RunningCommand;
import dev.runbook.process.StartResult;
import dev.runbook.process.StartSpec;
import dev.runbook.process.StopResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** exec, process.stop and process.start over the process layer (dev.runbook.process). */
final class ProcessImplementations {

    private static final CommandRunner RUNNER = new CommandRunner();

    private ProcessImplementations() {
    }

    static List<String> command(Arguments args) throws ActionException {
        return args.has("cmd") ? args.strings("cmd") : List.of(CommandSpec.SH, "-c", args.required("shell"));
    }

    static Map<String, String> env(Arguments args) {
        Map<String, String> env = new LinkedHashMap<>();
        args.map("env").forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    static Path path(StepContext context, String value) {
        return context.workDir().resolve(value);
    }

    static String describe(List<String> command, Arguments args) {
        return String.join(" ", command) + args.string("cwd").map(c -> " in " + c).orElse("")
                + (args.map("env").isEmpty() ? "" : " with " + String.join(", ", args.map("env").keySet()) + " set");
    }

    /** exec: a command; a timeout or interrupt ends its whole process tree (the Cancellation hook). */
    static final class Exec implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            return Preview.opaque(List.of("would run " + describe(command(context.args()), context.args())));
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            Arguments args = context.args();
            Set<Integer> expected = new LinkedHashSet<>();
            args.strings("expect_exit").forEach(code -> expected.add(Integer.parseInt(code.trim())));
            CommandSpec spec = new CommandSpec(command(args), args.string("cwd").map(c -> path(context, c)).orElse(null),
                    env(args), null, null, expected, context.logFile(), context.run().secrets());
            try {
                RunningCommand running = RUNNER.start(spec, context.run().commandsOf(context.stepId()));
                context.cancellation().onCancel(running::cancel);
                CommandResult result = running.await();
                Map<String, Object> outputs = new LinkedHashMap<>();
                // The command as run, so a failure report read from the journal can say what failed.
                outputs.put("command", describe(spec.command(), args));
                outputs.put("exit_code", result.exitCode());
                outputs.put("stdout", result.stdout());
                outputs.put("stderr", result.stderr());
                return result.ok() ? Outcome.ok(outputs) : Outcome.failed(result.describe(spec)
                        + lastLine(result.stderr()), outputs);
            } catch (IOException e) {
                throw new ActionException("cannot start " + spec.command().get(0) + ": " + e.getMessage(), e);
            }
        }

        private static String lastLine(String stderr) {
            String trimmed = stderr.strip();
            return trimmed.isEmpty() ? "" : ": " + trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        }
    }

    /** process.stop: TERM, grace, KILL, confirmed gone. Its preview lists what matches now. */
    static final class Stop implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            List<String> effects = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            ProcessScope scope = scope(context);
            try {
                List<ProcessInfo> targets;
                if (context.args().has("pidfile")) {
                    Path pidfile = path(context, context.args().required("pidfile"));
                    targets = ProcessStopper.target(pidfile, scope).stream().toList();
                    if (targets.isEmpty()) {
                        effects.add("nothing to stop: " + ProcessStopper.note(pidfile, scope));
                    }
                } else {
                    targets = ProcessMatcher.matching(scope);
                    if (targets.isEmpty()) {
                        effects.add("nothing to stop: no process " + scope.describe() + " now");
                    }
                }
                for (ProcessInfo target : targets) {
                    java.util.Optional<String> earlier = context.run().simulated().stoppedBy(target.pid());
                    effects.add(earlier.map(step -> "pid " + target.pid() + " would already be stopped by '" + step
                            + "': " + target.commandLine()).orElse("would stop pid " + target.pid() + ": "
                            + target.commandLine()));
                    pids.add(target.pid());
                }
                context.run().simulated().wouldStop(context.stepId(), pids); // for the previews after this one
            } catch (IOException e) {
                throw new ActionException("cannot read the pidfile: " + e.getMessage(), e);
            }
            return new Preview(PreviewKind.PROBED, effects, Map.of("pids", pids, "stopped", pids.size()));
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            Arguments args = context.args();
            ProcessStopper stopper = new ProcessStopper(args.duration("grace").orElseThrow());
            ProcessScope scope = scope(context);
            try {
                StopResult result = args.has("pidfile")
                        ? stopper.stopPidfile(path(context, args.required("pidfile")), scope)
                        : stopper.stopMatching(scope);
                Map<String, Object> outputs = Map.of("pids", result.pids(), "stopped", result.pids().size());
                return result.ok() ? Outcome.ok(outputs) : Outcome.failed("still running after KILL: "
                        + result.ending().survivors() + notes(result), outputs);
            } catch (IOException e) {
                throw new ActionException("cannot read the pidfile: " + e.getMessage(), e);
            }
        }

        /** The criteria besides the pidfile; with a pidfile and nothing else, any process it names that is not a runbook's. */
        private static ProcessScope scope(StepContext context) throws ActionException {
            Arguments args = context.args();
            List<java.util.regex.Pattern> patterns;
            try {
                patterns = ProcessMatcher.compile(args.has("match") ? args.strings("match") : List.of());
            } catch (IllegalArgumentException e) {
                throw new ActionException(e.getMessage(), e);
            }
            return new ProcessScope(patterns, args.string("cwd_under").map(c -> path(context, c)),
                    args.string("exe").map(e -> path(context, e)), args.string("user"),
                    args.integer("port").map(Long::intValue));
        }

        private static String notes(StopResult result) {
            return result.notes().isEmpty() ? "" : " (" + String.join("; ", result.notes()) + ")";
        }
    }

    /** process.start: detached, its own log and pidfile, ready by URL or port. */
    static final class Start implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            Arguments args = context.args();
            return new Preview(PreviewKind.SIMULATED, List.of("would start " + describe(command(args), args)
                    + readiness(args).map(r -> ", ready when " + r.describe()).orElse("")), Map.of());
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            Arguments args = context.args();
            Path log = args.string("log").map(l -> path(context, l)).orElse(context.logFile());
            StartSpec spec = StartSpec.of(command(args), log).withEnv(env(args));
            if (args.has("cwd")) {
                spec = spec.withCwd(path(context, args.required("cwd")));
            }
            if (args.has("pidfile")) {
                spec = spec.withPidfile(path(context, args.required("pidfile")));
            }
            Duration readyTimeout = args.duration("ready_timeout").orElseThrow();
            spec = spec.withReadiness(readiness(args).orElse(Readiness.none()), readyTimeout);
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
                StartResult result = new ProcessStarter().start(spec);
                Map<String, Object> outputs = Map.of("pid", result.pid());
                return result.ok() ? Outcome.ok(outputs) : Outcome.failed(result.message()
                        + (result.logTail().isBlank() ? "" : "; log ends: " + result.logTail().strip().lines()
                        .reduce((a, b) -> b).orElse("")), outputs);
            } catch (IOException e) {
                throw new ActionException("cannot start " + command(args).get(0) + ": " + e.getMessage(), e);
            }
        }

        private static java.util.Optional<Readiness> readiness(Arguments args) throws ActionException {
            if (args.has("ready_url")) {
                return java.util.Optional.of(Readiness.url(args.required("ready_url")));
            }
            return args.integer("ready_port").map(port -> Readiness.port(port.intValue()));
        }
    }
}
