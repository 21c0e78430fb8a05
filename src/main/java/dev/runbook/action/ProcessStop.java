package dev.runbook.action;

import dev.runbook.process.ProcessInfo;
import dev.runbook.process.ProcessMatcher;
import dev.runbook.process.ProcessScope;
import dev.runbook.process.ProcessStopper;
import dev.runbook.process.StopResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * process.stop: TERM, grace, KILL, confirmed gone; never this or any other runbook process. Its
 * preview probes: it lists what matches now without signalling anything.
 */
final class ProcessStop implements BuiltIn {

    static final Param<List<String>> MATCH = Param.strings("match", "Regular expressions matched against full "
            + "command lines (like pkill -f); any one found is a match.", "[\"uvicorn.*tmws\"]");
    static final Param<Path> PIDFILE = Param.path("pidfile", "A file holding the pid to stop.", "run/server.pid");
    static final Param<Path> CWD_UNDER = Param.path("cwd_under", "Only processes whose working directory is this "
            + "folder or under it.", "\"{{ params.app_dir }}\"");
    static final Param<Path> EXE = Param.path("exe", "Only processes running this program (or a program under this "
            + "folder), as the kernel names it or as it was started.", "\"{{ params.app_dir }}/.venv\"");
    static final Param<String> USER = Param.string("user", "Only processes of this user (name or uid).", "tmws");
    static final Param<Long> PORT = Param.integer("port", "Only processes listening on this TCP port.", "8001");
    static final Param<Duration> GRACE = Param.duration("grace", "How long to wait after TERM before KILL.", "3s")
            .byDefault("5s");

    static final Output<List<Long>> PIDS = Output.list("pids", "The pids that were stopped.");
    static final Output<Long> STOPPED = Output.integer("stopped", "How many processes were stopped.");

    private static final ActionSpec SPEC = ActionSpec.define("process.stop", "Stop the application's processes: "
                    + "chosen by command-line pattern, pidfile, working directory, program or listening port, every "
                    + "criterion given narrowing the others; TERM, wait for the grace period, KILL what is left, then "
                    + "confirm they are gone. Never this or any other runbook process.")
            .preview(PreviewKind.PROBED)
            .idempotent()
            .params(MATCH, PIDFILE, CWD_UNDER, EXE, USER, PORT, GRACE)
            .atLeastOneOf(MATCH, PIDFILE, CWD_UNDER, EXE, PORT)
            .outputs(PIDS, STOPPED)
            .plan("stop processes[ matching {match}][ from pidfile {pidfile}][ under {cwd_under}][ running {exe}]"
                    + "[ of user {user}][ on port {port}][ (grace {grace})]")
            .reads(PreviewReads.PROCESSES)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        List<String> effects = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        ProcessScope scope = scope(context);
        try {
            List<ProcessInfo> targets;
            if (context.gives(PIDFILE)) {
                Path pidfile = context.path(PIDFILE);
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
                Optional<String> earlier = context.run().simulated().stoppedBy(target.pid());
                effects.add(earlier.map(step -> "pid " + target.pid() + " would already be stopped by '" + step
                        + "': " + target.commandLine()).orElse("would stop pid " + target.pid() + ": "
                        + target.commandLine()));
                pids.add(target.pid());
            }
            context.run().simulated().wouldStop(context.stepId(), pids); // for the previews after this one
            List<String> planned = new ArrayList<>(); // what earlier steps would start: its pid is not known yet
            Optional<Path> pidfile = context.findPath(PIDFILE);
            context.run().simulated().started().forEach((step, process) -> {
                if (process.selectedBy(scope, pidfile)) {
                    planned.add(context.run().simulated().startStoppedBy(step).map(by -> "the process step '" + step
                            + "' would start would already be stopped by '" + by + "'").orElse("would stop the process "
                            + "step '" + step + "' would start (its pid cannot be known before then)") + ": "
                            + process.commandLine());
                    context.run().simulated().wouldStopStarted(step, context.stepId());
                }
            });
            if (!planned.isEmpty()) {
                if (targets.isEmpty()) {
                    effects.clear(); // not "nothing to stop": that step's process would be there by then
                }
                effects.addAll(planned);
            }
        } catch (IOException e) {
            throw ActionException.refused("cannot read the pidfile: " + e.getMessage(), e);
        }
        return new Preview(PreviewKind.PROBED, effects, outputs(pids));
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        ProcessStopper stopper = new ProcessStopper(context.get(GRACE));
        ProcessScope scope = scope(context);
        try {
            StopResult result = context.gives(PIDFILE) ? stopper.stopPidfile(context.path(PIDFILE), scope)
                    : stopper.stopMatching(scope);
            Map<String, Object> outputs = outputs(result.pids());
            return result.ok() ? Outcome.ok(outputs) : Outcome.failed("still running after KILL: "
                    + result.ending().survivors() + notes(result), outputs);
        } catch (IOException e) {
            throw new ActionException("cannot read the pidfile: " + e.getMessage(), e);
        }
    }

    /** The criteria besides the pidfile; with a pidfile and nothing else, any process it names that is not a runbook's. */
    private static ProcessScope scope(StepContext context) throws ActionException {
        List<Pattern> patterns;
        try {
            patterns = ProcessMatcher.compile(context.find(MATCH).orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw ActionException.refused(e.getMessage(), e);
        }
        return new ProcessScope(patterns, context.findPath(CWD_UNDER), context.findPath(EXE), context.find(USER),
                context.find(PORT).map(Long::intValue));
    }

    private static Map<String, Object> outputs(List<Long> pids) {
        return new Outputs().put(PIDS, pids).put(STOPPED, (long) pids.size()).map();
    }

    private static String notes(StopResult result) {
        return result.notes().isEmpty() ? "" : " (" + String.join("; ", result.notes()) + ")";
    }
}
