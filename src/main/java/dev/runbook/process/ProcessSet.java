package dev.runbook.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Some processes and everything they started, to be ended together. Membership is recomputed from
 * /proc on every call, because a tree changes while it is being ended:
 * <ul>
 * <li>the roots, and every process seen as a member before (a child whose parent died is
 *     re-parented to init and is no longer anyone's descendant, but it is still remembered);</li>
 * <li>descendants of any member (parent links, followed to the bottom);</li>
 * <li>members of a process group a root leads (what {@code kill -- -PGID} reaches; never the
 *     group this JVM is in);</li>
 * <li>with a marker, every process whose environment carries it: this catches children that
 *     double-forked and called setsid, which escape both of the above.</li>
 * </ul>
 * This JVM and its ancestors are never members.
 *
 * <p>Who gets TERM differs by use. An aborted command's tree gets it everywhere at once, as a
 * terminal's Ctrl-C reaches a whole foreground job. Stopped services get it only at the targets
 * and their process groups: a server's master is asked to stop its own workers (uvicorn, gunicorn
 * and postgres all shut down in order that way); workers still there when the targets are gone
 * get TERM then, and whatever is left after the grace period is KILLed.
 */
final class ProcessSet {

    private final Map<Long, ProcessInfo> seen = new LinkedHashMap<>();
    private final Set<Long> groups = new HashSet<>();
    private final List<ProcessInfo> roots;
    private final byte[] marker;
    private final boolean termAll;

    private ProcessSet(Collection<ProcessInfo> roots, String marker, boolean termAll) {
        this.roots = List.copyOf(roots);
        this.termAll = termAll;
        long ownGroup = ProcessTable.read(ProcessHandle.current().pid(), false).map(ProcessInfo::pgrp).orElse(-1L);
        for (ProcessInfo root : roots) {
            seen.put(root.pid(), root);
            if (root.leadsGroup() && root.pgrp() != ownGroup) {
                groups.add(root.pgrp());
            }
        }
        this.marker = marker == null ? null : marker.getBytes(StandardCharsets.UTF_8);
    }

    /** A command's tree: the root (if it is still there) and every process carrying the NAME=VALUE marker. */
    static ProcessSet tree(Collection<ProcessInfo> root, String marker) {
        return new ProcessSet(root, marker, true);
    }

    /** Services to stop, and everything they started. */
    static ProcessSet targets(Collection<ProcessInfo> targets) {
        return new ProcessSet(targets, null, false);
    }

    /** Whether this member is sent TERM, or only KILL if it outlives the grace period. */
    boolean takesTerm(ProcessInfo member) {
        return termAll || groups.contains(member.pgrp()) || roots.stream().anyMatch(r -> r.sameProcessAs(member));
    }

    /** The members alive now (zombies excluded), remembered for later calls. */
    List<ProcessInfo> current() {
        List<ProcessInfo> table = ProcessTable.snapshot(false);
        Map<Long, ProcessInfo> byPid = ProcessTable.byPid(table);
        Set<Long> excluded = ProcessTable.selfAndAncestors(byPid);
        Map<Long, List<ProcessInfo>> children = new LinkedHashMap<>();
        Deque<ProcessInfo> todo = new ArrayDeque<>();
        for (ProcessInfo p : table) {
            children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
            ProcessInfo known = seen.get(p.pid());
            if ((known != null && known.sameProcessAs(p)) || groups.contains(p.pgrp())
                    || (marker != null && ProcessTable.hasEnvironmentEntry(p.pid(), marker))) {
                todo.add(p);
            }
        }
        Map<Long, ProcessInfo> members = new LinkedHashMap<>();
        while (!todo.isEmpty()) {
            ProcessInfo p = todo.poll();
            if (excluded.contains(p.pid()) || members.putIfAbsent(p.pid(), p) != null) {
                continue;
            }
            todo.addAll(children.getOrDefault(p.pid(), List.of()));
        }
        List<ProcessInfo> alive = new ArrayList<>();
        for (ProcessInfo p : members.values()) {
            seen.put(p.pid(), p);
            if (!p.exited()) {
                alive.add(p);
            }
        }
        return alive;
    }
}
