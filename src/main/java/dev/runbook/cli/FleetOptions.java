package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.app.GivenParams;
import dev.runbook.app.RunbookFiles;
import dev.runbook.console.Terminal;
import dev.runbook.fleet.FailureBudget;
import dev.runbook.fleet.FleetConsole;
import dev.runbook.fleet.FleetHost;
import dev.runbook.fleet.FleetJournal;
import dev.runbook.fleet.FleetJsonEvents;
import dev.runbook.fleet.FleetListener;
import dev.runbook.fleet.FleetLocks;
import dev.runbook.fleet.FleetRequest;
import dev.runbook.fleet.FleetResult;
import dev.runbook.fleet.FleetRunner;
import dev.runbook.fleet.HostParams;
import dev.runbook.fleet.Payload;
import dev.runbook.fleet.Serial;
import dev.runbook.fleet.SshOptions;
import dev.runbook.fleet.SshWarmUp;
import dev.runbook.model.Runbook;
import dev.runbook.template.Masker;
import dev.runbook.validate.CheckedRunbook;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The fleet options of {@code runbook run} (docs/FLEET.md): with {@code --inventory} the run goes
 * to every selected host over SSH instead of this machine; without it nothing here applies.
 */
final class FleetOptions {

    @Option(names = "--inventory", paramLabel = "FILE", description = "Run on the hosts of this inventory (own "
            + "YAML form or Ansible's static YAML) over SSH, instead of on this machine.")
    Path inventory;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only these hosts or groups (a,b  web:!web3  "
            + "db*  web:&canary).")
    String limit;

    @Option(names = "--serial", paramLabel = "N|P%|LIST", description = "Hosts per wave: 2, 25%, or 1,25%,100% "
            + "(the last repeats). Default: one wave.")
    String serial;

    @Option(names = "--max-fail", paramLabel = "N|P%", description = "Failed hosts allowed before the fleet stops: "
            + "spent when MORE fail (default 0: the first failure).")
    String maxFail;

    @Option(names = "--cancel-in-flight", description = "When the budget is spent, interrupt the hosts still "
            + "running (default: let them finish).")
    boolean cancelInFlight;

    @Option(names = "--no-fleet-rollback", description = "When the budget is spent, leave finished hosts as they "
            + "are (default: undo them, last wave first).")
    boolean noRollback;

    @Option(names = "--ssh-dir", paramLabel = "DIR", description = "Read config, known_hosts and identities here "
            + "(default ~/.ssh).")
    Path sshDir;

    @Option(names = "--identity", paramLabel = "FILE", description = "The private key to log in with.")
    Path identity;

    @Option(names = "--accept-new-host-keys", description = "Accept and record host keys known_hosts does not "
            + "have yet (a CHANGED key is always refused).")
    boolean acceptNewHostKeys;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Connecting and logging in, per "
            + "host (default 15).")
    Integer connectTimeout;

    @Option(names = "--host-timeout", paramLabel = "SECONDS", description = "One host's whole run (default 3600).")
    Integer hostTimeout;

    boolean active() {
        return inventory != null;
    }

    /**
     * Refuses fleet options given without --inventory: they would be dropped silently and the runbook
     * run on this machine, when the operator meant a fleet (exit 64, nothing run).
     */
    void refuseWithoutInventory() throws CliError {
        if (active()) {
            return;
        }
        List<String> given = new ArrayList<>();
        add(given, "--limit", limit != null);
        add(given, "--serial", serial != null);
        add(given, "--max-fail", maxFail != null);
        add(given, "--cancel-in-flight", cancelInFlight);
        add(given, "--no-fleet-rollback", noRollback);
        add(given, "--ssh-dir", sshDir != null);
        add(given, "--identity", identity != null);
        add(given, "--accept-new-host-keys", acceptNewHostKeys);
        add(given, "--connect-timeout", connectTimeout != null);
        add(given, "--host-timeout", hostTimeout != null);
        if (!given.isEmpty()) {
            throw new CliError(ExitCodes.USAGE, String.join(", ", given) + (given.size() == 1 ? " only applies" : " only apply")
                    + " to a fleet run, and no "
                    + "--inventory was given", "add --inventory FILE to run on its hosts, or leave "
                    + (given.size() == 1 ? "it" : "them") + " out to run on this machine");
        }
    }

    private static void add(List<String> given, String option, boolean set) {
        if (set) {
            given.add(option);
        }
    }

    int run(String file, SelectionOptions selection, boolean dryRun, ExecutionOptions execution, StateOption state,
            PrintWriter out, PrintWriter err) throws CliError, dev.runbook.app.Refusal {
        if (!dryRun && !execution.yes) {
            throw new CliError(ExitCodes.USAGE, "a fleet run cannot ask each host for confirmation",
                    "preview it with --dry-run, then run it with --yes");
        }
        SshWarmUp.begin();
        Optional<String> sshProblem = new SshOptions(Optional.ofNullable(sshDir), Optional.ofNullable(identity), false,
                Duration.ZERO, Duration.ZERO).problem();
        if (sshProblem.isPresent()) {
            throw new CliError(ExitCodes.INVALID, sshProblem.get(), "nothing was run on any host");
        }
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
        if (!checked.ok()) {
            ProblemPrinter.print(err, file, checked.problems());
            return ExitCodes.INVALID;
        }
        Runbook runbook = checked.runbook().orElseThrow();
        GivenParams given = selection.given(runbook, System.getenv());
        HostParams.Fit fit = HostParams.check(runbook, given.values(), given.origins(), hosts(err));
        if (!fit.refusals().isEmpty()) {
            throw new CliError(ExitCodes.INVALID, fit.refusals());
        }
        fit.notes().forEach(err::println);
        List<FleetHost> hosts = fit.hosts();
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        given.values().forEach((name, value) -> (runbook.param(name).filter(p -> p.secret()).isPresent() ? secrets
                : params).put(name, value));
        List<String> select = new ArrayList<>();
        Optional.ofNullable(selection.scenario).ifPresent(s -> select.addAll(List.of("--scenario", s)));
        selection.only.forEach(o -> select.addAll(List.of("--only", o)));
        Optional.ofNullable(selection.from).ifPresent(f -> select.addAll(List.of("--from", f)));
        try {
            FleetRequest request = new FleetRequest(FleetIds.next(), Path.of(file), runbook.name(), inventory.toString(),
                    hosts, select, params, secrets, serial == null ? Serial.ALL : Serial.parse(serial),
                    FailureBudget.parse(maxFail == null ? "0" : maxFail), !noRollback, cancelInFlight, dryRun,
                    new SshOptions(Optional.ofNullable(sshDir), Optional.ofNullable(identity), acceptNewHostKeys,
                            Duration.ofSeconds(connectTimeout == null ? 15 : connectTimeout),
                            Duration.ofSeconds(hostTimeout == null ? 3600 : hostTimeout)),
                    Payload.thisBuildsJar(), runbook.secretNames());
            Masker masker = new Masker(request.secretValues());
            FleetListener listener = execution.json
                    ? new FleetJsonEvents(out, masker, request.id())
                    : new FleetConsole(err, Terminal.stderrIsTerminal(), masker);
            try (FleetLocks locks = dryRun ? null : FleetLocks.acquire(runbook.name(), hosts,
                    FleetJournal.location(state.directory()), System.getenv());
                 FleetJournal journal = FleetJournal.open(state.directory())) {
                if (locks != null) {
                    locks.holdFor(request.id());
                }
                FleetResult result = new FleetRunner(request, journal, listener).run();
                return result.exitCode();
            }
        } catch (IllegalArgumentException e) {
            throw new CliError(ExitCodes.USAGE, e.getMessage(), null);
        } catch (IOException e) {
            throw new CliError(ExitCodes.NO_INPUT, e.getMessage(), null);
        } catch (java.sql.SQLException e) {
            throw new CliError(ExitCodes.NO_INPUT, "the fleet journal in " + state.directory() + " cannot be used: "
                    + e.getMessage(), "check that file and its disk");
        } catch (dev.runbook.journal.RunLocked e) {
            throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for that fleet run to end, or resume it "
                    + "(runbook resume FLEET_RUN) if its controller died");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
    }

    private List<FleetHost> hosts(PrintWriter err) throws CliError {
        return FleetHostsInput.reachable(FleetHostsInput.selected(inventory, limit, err), inventory.toString(), err);
    }
}
