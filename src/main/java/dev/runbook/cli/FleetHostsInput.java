package dev.runbook.cli;

import dev.runbook.fleet.FleetHost;
import dev.runbook.fleet.Inventory;
import dev.runbook.fleet.InventoryException;
import dev.runbook.fleet.InventoryReader;
import dev.runbook.source.Problems;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The hosts a fleet run (or its resume) goes to, from the inventory file: read, notes said, --limit
 * applied, and refused (exit 2) when the inventory says to reach a selected host in a way this
 * controller does not. Every problem is printed with its place; nothing is contacted before.
 */
final class FleetHostsInput {

    private FleetHostsInput() {
    }

    static List<FleetHost> selected(Path inventory, String limit, PrintWriter err) throws CliError {
        try {
            Inventory read = InventoryReader.read(inventory);
            read.notes().forEach(err::println);
            return read.select(limit);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliError(ExitCodes.NO_INPUT, "cannot read " + inventory + ": no such file", null);
        } catch (IOException e) {
            throw new CliError(ExitCodes.NO_INPUT, "cannot read " + inventory + ": " + e.getMessage(), null);
        } catch (InventoryException e) {
            if (e.problems().isEmpty()) {
                throw new CliError(ExitCodes.USAGE, e.getMessage(), "see the names in " + inventory);
            }
            ProblemPrinter.print(err, inventory.toString(), e.problems());
            throw new CliError(ExitCodes.INVALID, List.of());
        }
    }

    /** These hosts, or exit 2 with each of their connection problems once (a resume checks them again too). */
    static List<FleetHost> reachable(List<FleetHost> hosts, String inventory, PrintWriter err) throws CliError {
        Problems refused = new Problems();
        hosts.forEach(host -> host.connectionProblems().forEach(p -> refused.add(p.location(), p.message(), p.hint())));
        if (!refused.isEmpty()) {
            ProblemPrinter.print(err, inventory, refused.sorted());
            throw new CliError(ExitCodes.INVALID, List.of());
        }
        return hosts;
    }
}
