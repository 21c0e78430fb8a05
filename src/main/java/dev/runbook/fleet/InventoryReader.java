package dev.runbook.fleet;

import dev.runbook.source.Location;
import dev.runbook.source.Problems;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.YamlLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an inventory: Ansible's static YAML form when the top level is {@code all:}, else this
 * tool's own form ({@code hosts:}, {@code groups:}, {@code vars:}; docs/FLEET.md). Every problem is
 * collected with its line and column, as runbooks' are.
 */
public final class InventoryReader {

    private InventoryReader() {
    }

    /** An inventory file; in Ansible's form, with the group_vars/ and host_vars/ folders beside it. */
    public static Inventory read(Path file) throws InventoryException, IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8),
                Optional.of(file.toAbsolutePath().getParent()));
    }

    public static Inventory parse(String file, String text) throws InventoryException {
        return parse(file, text, Optional.empty());
    }

    private static Inventory parse(String file, String text, Optional<Path> folder) throws InventoryException {
        Problems problems = new Problems();
        if (empty(text)) {
            problems.add(Location.of(file), "the inventory is empty", "list hosts under all: hosts: (Ansible's form) or "
                    + "hosts: (this tool's own); docs/FLEET.md");
            throw new InventoryException(file + ": 1 problem", problems.sorted());
        }
        Optional<Location> section = iniSection(file, text);
        if (section.isPresent()) {
            problems.add(section.get(), "this is Ansible's INI inventory form; runbook reads its YAML form", INI_HINT);
            throw new InventoryException(file + ": 1 problem", problems.sorted());
        }
        // Read as Ansible reads it: vault-encrypted values kept as text (never passed: HostVariables), merge keys.
        Optional<Node> root = YamlLoader.load(file, text, problems, dev.runbook.yaml.Dialect.ANSIBLE_INVENTORY);
        Inventory inventory = new Inventory(file, java.util.List.of());
        if (root.isPresent()) {
            if (root.get() instanceof Mapping top) {
                inventory = top.has("all") ? new AnsibleInventory(file, folder, problems).read(top)
                        : new OwnInventory(file, problems).read(top);
                if (problems.isEmpty() && inventory.hosts().isEmpty()) {
                    problems.add(top.location(), "the inventory names no hosts",
                            "list them under hosts: (or all: hosts: in Ansible's form)");
                }
            } else {
                problems.add(root.get().location(), "an inventory is a mapping (hosts:, groups:, vars:, or "
                        + "Ansible's all:), not " + root.get().kind(), root.get() instanceof Scalar ? INI_HINT : null);
            }
        } else if (problems.isEmpty()) {
            problems.add(Location.of(file), "the inventory is empty", "list hosts under hosts:");
        }
        if (!problems.isEmpty()) {
            throw new InventoryException(file + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"),
                    problems.sorted());
        }
        if (!problems.warnings().isEmpty()) {
            List<String> notes = new java.util.ArrayList<>(inventory.notes());
            problems.warnings().forEach(w -> notes.add("warning: " + w.location() + ": " + w.message()));
            inventory = new Inventory(inventory.file(), inventory.hosts(), notes);
        }
        return inventory;
    }

    /**
     * Whether a host name can be shown as it is: no control character (a terminal would obey an escape
     * sequence in it, and XML reports cannot hold one) and no white space. Else a located problem.
     */
    static boolean plainHostName(dev.runbook.yaml.Mapping.Entry entry, Problems problems) {
        String name = entry.name();
        if (name.isEmpty() || name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.getType(c) == Character.FORMAT)) {
            problems.add(entry.key().location(), "host name '" + name.replaceAll("\\p{Cntrl}", "?") + "' is empty or "
                    + "holds a space or a control or format character", "name the host plainly (web1) and give its address in "
                    + "ansible_host (Ansible's form) or address: (this tool's own)");
            return false;
        }
        return true;
    }

    /** Nothing but blank lines, comments and document markers: what Ansible reads as no variables. */
    static boolean empty(String text) {
        return text.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#") || line.equals("---"));
    }

    private static final String INI_HINT = "convert an INI inventory once with: ansible-inventory -i FILE --list --yaml "
            + "> hosts.yml";

    /** The first line that is not blank or a comment, when it is an INI section header ([web], [web:vars]). */
    private static Optional<Location> iniSection(String file, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            return line.matches("\\[[A-Za-z0-9_.:-]+]") ? Optional.of(new Location(file, i + 1, 1)) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A mapping of variables, each with the node that sets it (for its place in messages). A list or a
     * mapping is kept as it is: Ansible inventories hold such variables for other playbooks, and one is
     * a problem only for a runbook that takes it as a param (fleet.HostVariables).
     */
    static Map<String, Node> vars(Node node, Problems problems) {
        Map<String, Node> vars = new LinkedHashMap<>();
        if (node instanceof Scalar s && s.isNull()) {
            return vars;
        }
        if (!(node instanceof Mapping mapping)) {
            problems.add(node.location(), "vars must be a mapping of name: value, not " + node.kind(), null);
            return vars;
        }
        for (Mapping.Entry entry : mapping.entries()) {
            vars.put(entry.name(), entry.value());
        }
        return vars;
    }

    static Optional<Mapping> mapping(Node node, String what, Problems problems) {
        if (node instanceof Scalar s && s.isNull()) {
            return Optional.empty();
        }
        if (node instanceof Mapping mapping) {
            return Optional.of(mapping);
        }
        problems.add(node.location(), what + " must be a mapping, not " + node.kind(), null);
        return Optional.empty();
    }
}
