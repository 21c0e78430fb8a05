package dev.runbook.fleet;

import dev.runbook.source.Problems;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how to reach one host of an Ansible inventory, from its {@code ansible_} variables. What
 * the controller can honour it does: the address, port and user (and their older {@code ansible_ssh_}
 * names, the later name winning as in Ansible's ssh plugin) and the private key file. What would make
 * this run differ from the team's Ansible runs is refused with its place, never silently dropped: a
 * connection other than ssh, becoming another user, password login, ssh arguments that route another
 * way (a bastion given there would be skipped and the host reached directly: SshArgs), and templates
 * in any of these. Every other {@code ansible_} variable (and ssh argument) tunes how Ansible or ssh
 * works, not where it goes, and is left out.
 */
final class AnsibleConnection {

    record Where(String address, Optional<Integer> port, Optional<String> user, Optional<Path> identity) {
    }

    private static final List<String> ADDRESS = List.of("ansible_host", "ansible_ssh_host");
    private static final List<String> PORT = List.of("ansible_port", "ansible_ssh_port");
    private static final List<String> USER = List.of("ansible_user", "ansible_ssh_user");
    private static final List<String> KEY = List.of("ansible_private_key_file", "ansible_ssh_private_key_file");
    private static final Set<String> SSH = Set.of("ssh", "smart", "paramiko", "paramiko_ssh", "ansible.builtin.ssh",
            "ansible.builtin.paramiko_ssh", "ansible.legacy.ssh");
    private static final List<String> BECOME = List.of("ansible_become", "ansible_sudo", "ansible_su");
    private static final List<String> PASSWORD = List.of("ansible_password", "ansible_ssh_pass", "ansible_ssh_password");
    private static final List<String> SSH_ARGS = List.of("ansible_ssh_common_args", "ansible_ssh_extra_args",
            "ansible_ssh_args");

    private final Map<String, Node> vars;
    private final Problems problems;

    private AnsibleConnection(Map<String, Node> vars, Problems problems) {
        this.vars = vars;
        this.problems = problems;
    }

    static Where read(String name, Map<String, Node> vars, Problems problems) {
        return new AnsibleConnection(vars, problems).where(name);
    }

    private Where where(String name) {
        refuseWhatDiffers();
        Optional<String> address = text(ADDRESS);
        Optional<Integer> port = last(PORT).flatMap(node -> text(node).flatMap(p -> Ports.parse(p, node, problems)));
        Optional<Path> identity = last(KEY).flatMap(node -> text(node).flatMap(file -> keyFile(file, node)));
        return new Where(address.orElse(name), port, text(USER), identity);
    }

    private void refuseWhatDiffers() {
        last(List.of("ansible_connection")).ifPresent(node -> text(node)
                .filter(kind -> !SSH.contains(kind.toLowerCase(Locale.ROOT)))
                .ifPresent(kind -> problems.add(node.location(), "ansible_connection '" + kind + "': runbook reaches "
                        + "every host over ssh", "to run on this machine, run the runbook without --inventory; "
                        + "else leave this host out with --limit")));
        for (String become : BECOME) {
            last(List.of(become)).ifPresent(node -> text(node).filter(AnsibleConnection::truthy)
                    .ifPresent(on -> problems.add(node.location(), become + ": runbook runs as the login user and "
                            + "does not switch users (no sudo or su)", "log in as the user the runbook needs "
                            + "(ansible_user), or leave this host out with --limit")));
        }
        for (String password : PASSWORD) {
            last(List.of(password)).ifPresent(node -> problems.add(node.location(), password + ": runbook logs in "
                    + "with keys only", "give the key with ansible_ssh_private_key_file, ~/.ssh/config or --identity"));
        }
        for (String args : SSH_ARGS) {
            last(List.of(args)).ifPresent(node -> text(node).flatMap(SshArgs::routeChange)
                    .ifPresent(option -> problems.add(node.location(), args + " '" + option + "' would reach the host "
                            + "another way (a bastion, address, port, user or key), and is not read here",
                            "put it in ~/.ssh/config under the host's Host entry (runbook reads ProxyJump, HostName, "
                            + "Port, User and IdentityFile there), or the key in ansible_ssh_private_key_file")));
        }
    }

    private Optional<Path> keyFile(String file, Node node) {
        Path path = file.startsWith("~/") ? Path.of(System.getProperty("user.home"), file.substring(2)) : Path.of(file);
        Optional<String> unusable = KeyFiles.problem(path);
        unusable.ifPresent(why -> problems.add(node.location(), why, "correct the path (relative paths are from the "
                + "current folder, as ssh -i reads them), or give a key without a passphrase"));
        return unusable.isPresent() ? Optional.empty() : Optional.of(path);
    }

    /** Ansible's booleans: yes/on/true/1 (and y, t), any case. */
    private static boolean truthy(String value) {
        return Set.of("yes", "on", "true", "1", "y", "t").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    private Optional<String> text(List<String> names) {
        return last(names).flatMap(this::text);
    }

    /** The set node among these names, the last name winning; null and empty count as not set. */
    private Optional<Node> last(List<String> names) {
        Node found = null;
        for (String name : names) {
            Node node = vars.get(name);
            if (node != null && !(node instanceof Scalar s && (s.isNull() || s.text().isEmpty()))) {
                found = node;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A connection value's text, or a located problem when it is not one plain value. */
    private Optional<String> text(Node node) {
        String why = HostVariables.whyUnusable(node, true);
        if (why != null) {
            String name = vars.entrySet().stream().filter(e -> e.getValue() == node).map(Map.Entry::getKey)
                    .findFirst().orElse("a connection variable");
            problems.add(node.location(), name + " " + why, "write the value itself");
            return Optional.empty();
        }
        return Optional.of(((Scalar) node).text());
    }
}
