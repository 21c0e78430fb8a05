package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.app.Refusal;
import dev.runbook.app.RunbookFiles;
import dev.runbook.console.Terminal;
import dev.runbook.fleet.FleetHost;
import dev.runbook.fleet.FleetJournal;
import dev.runbook.fleet.FleetJsonEvents;
import dev.runbook.fleet.FleetListener;
import dev.runbook.fleet.FleetLocks;
import dev.runbook.fleet.FleetOptionsRecord;
import dev.runbook.fleet.FleetConsole;
import dev.runbook.fleet.FleetRequest;
import dev.runbook.fleet.FleetRunRecord;
import dev.runbook.fleet.FleetRunner;
import dev.runbook.fleet.HostParams;
import dev.runbook.fleet.HostRecord;
import dev.runbook.fleet.InventoryException;
import dev.runbook.fleet.InventoryReader;
import dev.runbook.fleet.Payload;
import dev.runbook.model.Runbook;
import dev.runbook.template.Masker;
import dev.runbook.validate.CheckedRunbook;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code runbook resume FLEET_RUN}: a fleet run whose controller was killed goes on from the fleet
 * journal (docs/FLEET.md, "Resume"): same inventory file, runbook, params, waves, budget and SSH
 * settings; secrets given again (--secret-file, --secret-env, --secrets-stdin).
 */
final class FleetResume {

    private FleetResume() {
    }

    /** {@code decisions}: --retry-interrupted and --stop-survivors, passed on to every host's own resume. */
    static int resume(String id, RepeatedSecrets secrets, ExecutionOptions execution, StateOption state,
                      List<String> decisions, picocli.CommandLine.Model.CommandSpec spec) throws CliError, Refusal {
        try (FleetJournal journal = FleetJournal.open(state.directory())) {
            FleetRunRecord run = journal.run(id).orElseThrow(() -> new CliError(ExitCodes.NO_INPUT, "no fleet run "
                    + id + " in " + FleetJournal.location(state.directory()), "'runbook history --fleet' lists them"));
            // A run that stopped for a host's decision goes on once the operator has decided.
            if (!run.status().equals("running") && !run.status().equals(FleetRunner.NEEDS_DECISION)) {
                spec.commandLine().getErr().println("fleet run " + id + " already ended: " + run.status()
                        + "; nothing to resume");
                return run.exitCode().orElse(ExitCodes.OK);
            }
            if (run.dryRun()) {
                throw new CliError(ExitCodes.USAGE, "fleet run " + id + " was a dry run: nothing to resume",
                        "run the dry run again");
            }
            CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(run.file()), ActionRegistry.builtIn());
            if (!checked.ok()) {
                ProblemPrinter.print(spec.commandLine().getErr(), run.file(), checked.problems());
                return ExitCodes.INVALID;
            }
            Runbook runbook = checked.runbook().orElseThrow();
            String options = journal.options(id);
            Map<String, String> given = new LinkedHashMap<>(secrets.forRunbook().of(runbook));
            List<String> recordedSecrets = FleetOptionsRecord.secretNames(options);
            given.keySet().retainAll(recordedSecrets);
            List<String> missing = recordedSecrets.stream().filter(name -> !given.containsKey(name)).toList();
            if (!missing.isEmpty()) {
                // Without them every host's resume (and any undo the fleet rollback then runs) would refuse.
                throw new CliError(ExitCodes.INVALID, "fleet run " + id + " was given the secret" + (missing.size() == 1
                        ? " " : "s ") + String.join(", ", missing) + ", which the journal never keeps",
                        "give " + (missing.size() == 1 ? "it" : "them") + " again: --secret-file NAME=PATH or "
                        + "--secret-env NAME=VAR");
            }
            List<HostRecord> recorded = journal.hosts(id);
            Map<String, FleetHost> byName = new LinkedHashMap<>();
            InventoryReader.read(Path.of(run.inventory())).hosts().forEach(h -> byName.put(h.name(), h));
            List<FleetHost> named = recorded.stream().map(r -> byName.get(r.host())).toList();
            if (named.contains(null)) {
                throw new CliError(ExitCodes.INVALID, run.inventory() + " no longer names every host of fleet run " + id,
                        "put them back, or start a new fleet run");
            }
            // As the run itself did: each host passes only what the runbook declares, and is reached as it was.
            List<FleetHost> hosts = HostParams.declaredOnly(runbook, FleetHostsInput.reachable(named, run.inventory(),
                    spec.commandLine().getErr()));
            FleetRequest request = FleetOptionsRecord.read(run, options, hosts, given, Payload.thisBuildsJar(),
                    runbook.secretNames());
            Masker masker = new Masker(request.secretValues());
            FleetListener listener = execution.json ? new FleetJsonEvents(spec.commandLine().getOut(), masker, id)
                    : new FleetConsole(spec.commandLine().getErr(), Terminal.stderrIsTerminal(), masker);
            try (FleetLocks locks = FleetLocks.acquire(runbook.name(), hosts, FleetJournal.location(state.directory()),
                    System.getenv())) {
                locks.holdFor(id);
                return new FleetRunner(request, journal, listener).resume(recorded, decisions).exitCode();
            }
        } catch (dev.runbook.journal.RunLocked e) {
            throw new CliError(ExitCodes.LOCKED, e.getMessage(), "that fleet run is still going on: wait for it to end");
        } catch (InventoryException e) {
            ProblemPrinter.print(spec.commandLine().getErr(), e.getMessage(), e.problems());
            return ExitCodes.INVALID;
        } catch (IOException e) {
            throw new CliError(ExitCodes.NO_INPUT, e.getMessage(), null);
        } catch (SQLException e) {
            throw new CliError(ExitCodes.NO_INPUT, FleetJournal.location(state.directory()) + " cannot be used: "
                    + e.getMessage(), "check that file and its disk");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
    }
}
