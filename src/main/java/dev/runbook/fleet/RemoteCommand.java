package dev.runbook.fleet;

import dev.runbook.template.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command lines the controller runs on a host, built as argv and quoted word by word for the
 * remote shell (SSH hands the remote side one string). No secret is ever part of one: secrets go on
 * stdin ({@code --secrets-stdin}). The first line the command prints is its PID ({@code exec} keeps
 * it), so the controller can interrupt it (SIGINT, the run's own Ctrl-C) when in-flight hosts are
 * cancelled.
 */
final class RemoteCommand {

    static final String PID_PREFIX = "runbook-fleet-pid ";

    private RemoteCommand() {
    }

    static String run(FleetHost host, HostSetup.Prepared prepared, FleetRequest request) {
        List<String> argv = start(host, "run");
        argv.add(prepared.runbook());
        if (request.dryRun()) {
            argv.add("--dry-run");
        }
        argv.addAll(request.selection());
        for (Map.Entry<String, String> param : request.paramsFor(host).entrySet()) {
            argv.add("-p");
            argv.add(param.getKey() + "=" + param.getValue());
        }
        if (!request.secretsFor(host).isEmpty()) {
            argv.add("--secrets-stdin");
        }
        // A run that may hold a secret never dumps the class archive: the JVM writes buffers of its native
        // memory into it, and a secret freed there (an exec step's environment) was once found in the
        // file left on the host (FleetFaultsIT). That is a run given secrets, and any run of a runbook
        // declaring one, which a host may read itself (a default from its environment). The first run
        // without either dumps it.
        return shell(host, prepared, argv, !request.declaresSecrets());
    }

    /** Said by {@link #runIfCached} when the host lacks something: nothing was started there. */
    static final String NOT_CACHED = "runbook-not-cached";

    /**
     * The run in the same exec as the check that the host still has this version cached: one session
     * channel and one shell per host instead of two. When something is missing it says
     * {@link #NOT_CACHED} and exits without starting anything (its stdin, the secrets, is left unread).
     */
    static String runIfCached(FleetHost host, HostSetup.Prepared assumed, FleetRequest request) {
        return "if ! { " + HostSetup.stillCached(host, assumed) + "; }; then echo " + NOT_CACHED + "; exit 0; fi; "
                + run(host, assumed, request);
    }

    static String undo(FleetHost host, HostSetup.Prepared prepared, String remoteRun, boolean secrets) {
        List<String> argv = start(host, "undo");
        argv.add(remoteRun);
        if (secrets) {
            argv.add("--secrets-stdin");
        }
        return shell(host, prepared, argv, false);
    }

    /** {@code decisions}: the operator's --retry-interrupted and --stop-survivors, passed on to the host. */
    static String resume(FleetHost host, HostSetup.Prepared prepared, String remoteRun, boolean secrets,
                         List<String> decisions) {
        List<String> argv = start(host, "resume");
        argv.add(remoteRun);
        argv.addAll(decisions);
        if (secrets) {
            argv.add("--secrets-stdin");
        }
        return shell(host, prepared, argv, false);
    }

    /** The host's history as JSON: how a resumed fleet run learns what a host's run came to. */
    static String history(FleetHost host, HostSetup.Prepared prepared) {
        List<String> argv = new ArrayList<>(List.of("-jar", prepared.jar(), "history", "--json", "--limit", "200"));
        host.stateDir().ifPresent(state -> argv.addAll(List.of("--state", state)));
        return UTF8 + ShellQuote.quote(host.java()) + " " + RemoteJvm.options(prepared, false) + " " + words(argv);
    }

    /**
     * A session whose locale is not UTF-8 (a non-interactive ssh session often has none: C) gets
     * C.UTF-8, which differs from C only in its character set. Under C the JVM reads its arguments and
     * file names as ASCII: a param {@code /srv/données} arrives as {@code /srv/donn??es}, and a file
     * with such a name cannot be found. Decided from the variables themselves, so no program runs.
     */
    static final String UTF8 = "case \"${LC_ALL:-${LC_CTYPE:-$LANG}}\" in *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*) ;; "
            + "*) export LC_ALL=C.UTF-8;; esac; ";

    static String interrupt(long pid) {
        return "kill -INT " + pid;
    }

    /** Archive checked and kept after the run with PID {@code pid} dumped one; see {@link RemoteJvm}. */
    static String keepArchive(FleetHost host, HostSetup.Prepared prepared, long pid) {
        return RemoteJvm.keep(host, prepared, pid);
    }

    private static List<String> start(FleetHost host, String verb) {
        List<String> argv = new ArrayList<>(List.of(verb, "--json", "--yes"));
        host.stateDir().ifPresent(state -> argv.addAll(List.of("--state", state)));
        return argv;
    }

    /**
     * {@code exec} keeps the shell's PID for the JVM: the PID line names it, and so may an archive dump.
     * Only a run without secrets dumps the archive (it loads the most classes); undo and resume use one if it is there.
     */
    private static String shell(FleetHost host, HostSetup.Prepared prepared, List<String> argv, boolean mayDump) {
        return "echo " + PID_PREFIX + "$$ && " + UTF8 + "exec " + ShellQuote.quote(host.java()) + " "
                + RemoteJvm.options(prepared, mayDump) + " -jar " + ShellQuote.quote(prepared.jar()) + " " + words(argv);
    }

    private static String words(List<String> argv) {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
