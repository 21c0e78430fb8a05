package dev.runbook.files;

import java.nio.file.Path;
import java.util.List;

/**
 * What restoring one unit means: the changes to report, and the tree the target will hold (nodes
 * parents first, each from the source or, when preserved or kept, from the current target).
 */
public record UnitPlan(RestoreUnit unit, List<Change> changes, List<Node> tree, boolean changesSomething) {

    /**
     * One entry of the tree to stage: its metadata, where its bytes come from, the checksum it must
     * have; and for an entry from the source, the target's own file at the same place when the
     * planner found one there (a regular file reached through real folders only), else null.
     */
    public record Node(String relative, Entry entry, Path from, String sha256, boolean fromSource, Path samePlace) {
    }

    public UnitPlan {
        changes = List.copyOf(changes);
        tree = List.copyOf(tree);
    }

    public long bytesToStage() {
        return tree.stream().filter(n -> n.entry().isFile()).mapToLong(n -> n.entry().size()).sum();
    }

    public long count(Change.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }
}
