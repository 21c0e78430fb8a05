package dev.runbook.fleet;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one runbook across a fleet: waves in order, every host of a wave side by side; after each
 * host, the failure budget is checked. When it is spent, the hosts in flight finish (or, with
 * --cancel-in-flight, are interrupted), no later wave starts, and with fleet rollback on, every host
 * that finished a run is undone on the host ({@code runbook undo}), last wave first. A dry run
 * previews every host at once (waves and budget do not apply: nothing changes) and is a gate.
 */
public final class FleetRunner {

    private final FleetRequest request;
    private final FleetJournal journal;
    private final FleetListener listener;
    private final List<HostRun> finished = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, HostRecord> records = Collections.synchronizedMap(new LinkedHashMap<>());

    public FleetRunner(FleetRequest request, FleetJournal journal, FleetListener listener) {
        this.request = request;
        this.journal = journal;
        this.listener = listener;
    }

    public FleetResult run() throws IOException, SQLException, InterruptedException {
        List<List<FleetHost>> waves = request.dryRun() ? List.of(request.hosts()) : request.serial().waves(request.hosts());
        Map<String, Integer> waveOf = new LinkedHashMap<>();
        for (int i = 0; i < waves.size(); i++) {
            for (FleetHost host : waves.get(i)) {
                waveOf.put(host.name(), i + 1);
                records.put(host.name(), pending(host.name(), i + 1));
            }
        }
        journal.start(new FleetRunRecord(request.id(), request.runbookName(), request.runbook().toString(),
                request.inventory(), request.dryRun(), request.serial().toString(), request.budget().toString(),
                request.rollback(), "running", Optional.empty(), Instant.now(), Optional.empty()), waveOf,
                FleetOptionsRecord.write(request));
        return drive(waves);
    }

    /**
     * Goes on with a fleet run whose controller was killed: hosts recorded as running or unknown are
     * settled from their own journals (and resumed there if their run was cut off), pending hosts are
     * started in their waves, and the budget and rollback apply as in the first invocation. A host
     * whose run is recorded as finished is never run again.
     */
    public FleetResult resume(List<HostRecord> recorded, List<String> decisions)
            throws IOException, SQLException, InterruptedException {
        this.decisions = List.copyOf(decisions);
        Map<Integer, List<FleetHost>> byWave = new java.util.TreeMap<>();
        Map<String, FleetHost> hosts = new LinkedHashMap<>();
        request.hosts().forEach(h -> hosts.put(h.name(), h));
        for (HostRecord record : recorded) {
            records.put(record.host(), record.status() == HostStatus.NOT_STARTED ? pending(record.host(), record.wave())
                    : record);
            byWave.computeIfAbsent(record.wave(), w -> new ArrayList<>()).add(hosts.get(record.host()));
        }
        journal.reopen(request.id());
        return drive(new ArrayList<>(byWave.values()));
    }

    private FleetResult drive(List<List<FleetHost>> waves) throws IOException, SQLException, InterruptedException {
        Payload jar = Payload.ofJar(request.jar(), "runbook.jar");
        Payload book = Payload.of(request.runbook(), request.runbook().getFileName().toString());
        boolean spent = false;
        try (Ssh ssh = new Ssh(request.ssh())) {
            for (int i = 0; i < waves.size() && !spent; i++) {
                List<String> names = waves.get(i).stream().map(FleetHost::name).toList();
                List<HostRun> runs = waves.get(i).stream().map(h -> new HostRun(h, records.get(h.name()), request, jar,
                        book, ssh, listener)).toList();
                spent = !request.dryRun() && budgetSpent();
                if (!spent) {
                    listener.waveStarted(i + 1, waves.size(), names);
                    spent = runWave(runs);
                    listener.waveFinished(i + 1, runs.stream().map(HostRun::record).toList());
                }
                if (waiting()) {
                    break; // a host of this wave waits for the operator: no later wave
                }
            }
            if (spent && !request.dryRun() && request.rollback() && !waiting()) {
                rollBack();
            }
            finished.forEach(HostRun::close);
        }
        FleetResult result = result(spent);
        journal.finish(request.id(), result.status(), result.exitCode());
        listener.fleetFinished(result);
        return result;
    }

    /** Runs one wave; true when the budget was spent during it. */
    private boolean runWave(List<HostRun> runs) throws InterruptedException, SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(runs.size(), 256), r -> {
            Thread thread = new Thread(r, "fleet-host");
            thread.setDaemon(true);
            return thread;
        });
        ExecutorCompletionService<HostRun> done = new ExecutorCompletionService<>(pool);
        boolean spent = false;
        try {
            int submitted = 0;
            for (HostRun run : runs) {
                HostStatus status = run.record().status();
                if (status == HostStatus.PENDING) {
                    record(run.record().host(), running(run));
                    done.submit(() -> {
                        run.run();
                        return run;
                    });
                } else if (status == HostStatus.RUNNING || status == HostStatus.UNKNOWN
                        || status == HostStatus.NEEDS_DECISION) {
                    done.submit(() -> {
                        run.settle(decisions);
                        return run;
                    });
                } else {
                    finished.add(run); // finished in an earlier invocation: never run twice
                    continue;
                }
                submitted++;
            }
            for (int i = 0; i < submitted; i++) {
                HostRun run = done.take().get();
                finished.add(run);
                record(run.host().name(), run.record());
                journal.steps(request.id(), run.host().name(), run.steps());
                if (!spent && !request.dryRun() && budgetSpent()) {
                    spent = true;
                    if (request.cancelInFlight()) {
                        runs.stream().filter(r -> !finished.contains(r)).forEach(HostRun::cancel);
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a host's run failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return spent;
    }

    /** A host's resume stopped for the operator's decision: no new wave, no rollback, until they decide. */
    private boolean waiting() {
        return records.values().stream().anyMatch(r -> r.status() == HostStatus.NEEDS_DECISION);
    }

    private boolean budgetSpent() {
        long failed = records.values().stream().filter(r -> r.status().failed()).count();
        return request.budget().spent((int) failed, request.hosts().size());
    }

    /** How a fleet run waiting for the operator's decision ends; a resume takes it up again. */
    public static final String NEEDS_DECISION = "needs a decision";

    /** The operator's decisions a resume passes on to each host's own resume. */
    private List<String> decisions = List.of();

    /** The hosts the rollback undoes (empty when no host had finished a run). */
    private final java.util.Set<String> undoing = new java.util.LinkedHashSet<>();

    /** Undoes every host that finished a run, last wave first; the hosts of one wave side by side. */
    private void rollBack() throws InterruptedException, SQLException {
        Map<Integer, List<HostRun>> byWave = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (HostRun run : finished) {
            HostStatus status = run.record().status();
            if (run.record().remoteRun().isPresent() && (status == HostStatus.SUCCEEDED || status == HostStatus.FAILED)) {
                byWave.computeIfAbsent(run.record().wave(), w -> new ArrayList<>()).add(run);
            }
        }
        byWave.values().forEach(wave -> wave.forEach(run -> undoing.add(run.host().name())));
        listener.rollbackStarted(List.copyOf(undoing));
        for (List<HostRun> wave : byWave.values()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(wave.size(), 256));
            try {
                List<java.util.concurrent.Future<HostRecord>> undos = new ArrayList<>();
                wave.forEach(run -> undos.add(pool.submit(run::undo)));
                for (java.util.concurrent.Future<HostRecord> undo : undos) {
                    HostRecord record = undo.get();
                    record(record.host(), record);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("a host's undo failed unexpectedly", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private void record(String host, HostRecord record) throws SQLException {
        records.put(host, record);
        journal.host(request.id(), record);
    }

    private FleetResult result(boolean spent) {
        List<HostRecord> hosts = new ArrayList<>();
        synchronized (records) {
            records.replaceAll((name, r) -> r.status() == HostStatus.PENDING ? notStarted(r) : r);
            hosts.addAll(records.values());
        }
        hosts.stream().filter(r -> r.status() == HostStatus.NOT_STARTED).forEach(r -> {
            try {
                journal.host(request.id(), r);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String summary = FleetSummary.of(hosts, request.dryRun())
                + (request.dryRun() ? DryRunForecast.of(request, hosts).map(f -> "; " + f).orElse("") : "");
        if (request.dryRun()) {
            boolean refuses = hosts.stream().anyMatch(h -> h.status() == HostStatus.WOULD_REFUSE
                    || h.status() == HostStatus.UNKNOWN);
            boolean unreachable = hosts.stream().anyMatch(h -> h.status() == HostStatus.UNREACHABLE);
            return new FleetResult(request.id(), refuses ? "would refuse" : unreachable ? "unreachable" : "previewed",
                    refuses ? 7 : unreachable ? 12 : 0, hosts, summary);
        }
        if (hosts.stream().anyMatch(h -> h.status() == HostStatus.NEEDS_DECISION)) {
            return new FleetResult(request.id(), NEEDS_DECISION, 6, hosts, summary);
        }
        List<HostRecord> failed = hosts.stream().filter(h -> h.status().failed()).toList();
        boolean onlyUnreachable = failed.stream().allMatch(h -> h.status() == HostStatus.UNREACHABLE);
        // With nothing to undo, "rolled back" only when every failed host is back where it was by itself.
        boolean backByThemselves = failed.stream().allMatch(h -> h.status() == HostStatus.ROLLED_BACK
                || h.status() == HostStatus.CANCELLED || h.status() == HostStatus.UNREACHABLE);
        if (spent && request.rollback() && (!undoing.isEmpty() || backByThemselves && !onlyUnreachable)) {
            // Rolled back only when every host it undid is undone: one that is not stays changed.
            boolean allUndone = hosts.stream().filter(h -> undoing.contains(h.host()))
                    .allMatch(h -> h.status() == HostStatus.UNDONE);
            return new FleetResult(request.id(), allUndone ? "rolled back" : "rollback failed", allUndone ? 4 : 8,
                    hosts, summary);
        }
        if (failed.isEmpty() && !spent) {
            return new FleetResult(request.id(), "succeeded", 0, hosts, summary);
        }
        return new FleetResult(request.id(), onlyUnreachable ? "unreachable" : "failed", onlyUnreachable ? 12 : 1, hosts,
                summary);
    }

    private static HostRecord pending(String host, int wave) {
        return new HostRecord(host, wave, HostStatus.PENDING, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    private static HostRecord running(HostRun run) {
        HostRecord r = run.record();
        return new HostRecord(r.host(), r.wave(), HostStatus.RUNNING, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Instant.now()), Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    private static HostRecord notStarted(HostRecord r) {
        return new HostRecord(r.host(), r.wave(), HostStatus.NOT_STARTED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("not started: the failure budget was spent"), 0);
    }
}
