package dev.runbook.fleet;

import dev.runbook.source.Location;
import dev.runbook.source.Problems;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.YamlLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code group_vars/} and {@code host_vars/} folders beside an Ansible inventory, where teams keep
 * most of their variables: for a name, the file {@code NAME}, {@code NAME.yml}, {@code NAME.yaml} or
 * {@code NAME.json}, or every such file under the folder {@code NAME/} in name order (hidden files left
 * out), as Ansible reads them. A file encrypted with ansible-vault cannot be read here: it is named in
 * a note, and a param the runbook needs from it is then missing, which refuses with its hint.
 */
final class AnsibleVarsFiles {

    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    private final Optional<Path> folder;
    private final Problems problems;
    private final List<String> notes = new ArrayList<>();
    private final Map<Path, Map<String, Node>> read = new HashMap<>();

    AnsibleVarsFiles(Optional<Path> folder, Problems problems) {
        this.folder = folder;
        this.problems = problems;
    }

    Map<String, Node> group(String name) {
        return vars("group_vars", name);
    }

    Map<String, Node> host(String name) {
        return vars("host_vars", name);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    private Map<String, Node> vars(String kind, String name) {
        Map<String, Node> vars = new LinkedHashMap<>();
        if (folder.isEmpty() || name.contains("/") || name.startsWith(".")) {
            return vars;
        }
        Path base = folder.get().resolve(kind);
        for (String extension : EXTENSIONS) {
            Path file = base.resolve(name + extension);
            if (Files.isRegularFile(file)) {
                vars.putAll(file(file));
            }
        }
        Path dir = base.resolve(name);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(AnsibleVarsFiles::readable).sorted()
                        .forEach(file -> vars.putAll(file(file)));
            } catch (IOException e) {
                problems.add(Location.of(dir.toString()), "cannot read " + dir + ": " + e.getMessage(), null);
            }
        }
        return vars;
    }

    private static boolean readable(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && Set.copyOf(EXTENSIONS).contains(dot < 0 ? "" : name.substring(dot));
    }

    private Map<String, Node> file(Path file) {
        return read.computeIfAbsent(file, f -> {
            try {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (text.startsWith(HostVariables.VAULT)) {
                    notes.add("note: " + f + " is encrypted with ansible-vault and not read: give what the runbook "
                            + "needs from it with -p, or a secret with --secret-file, --secret-env or --secrets-stdin");
                    return Map.of();
                }
                if (InventoryReader.empty(text)) {
                    return Map.of(); // Ansible reads an empty vars file as no variables
                }
                return YamlLoader.load(f.toString(), text, problems, dev.runbook.yaml.Dialect.ANSIBLE_INVENTORY)
                        .map(root -> InventoryReader.vars(root, problems)).orElse(Map.of());
            } catch (IOException e) {
                problems.add(Location.of(f.toString()), "cannot read " + f + ": " + e.getMessage(), null);
                return Map.of();
            }
        });
    }
}
