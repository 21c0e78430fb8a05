package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.source.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InventoryTest {

    @Test
    void ownFormMergesFileGroupAndHostVariablesInThatOrder() throws Exception {
        Inventory inventory = InventoryReader.parse("hosts.yaml", """
                vars: {app_dir: /srv/app, tier: x}
                hosts:
                  web1: {address: 127.0.0.1, port: 2201, user: deploy, vars: {tier: a}}
                  web2:
                groups:
                  web: {hosts: [web1, web2], vars: {service: tmws, tier: g}}
                """);
        FleetHost web1 = inventory.hosts().get(0);
        // Each variable with the place of the value that won: the host's tier over the group's and the file's.
        assertThat(web1).isEqualTo(new FleetHost("web1", "127.0.0.1", Optional.of(2201), Optional.of("deploy"),
                Optional.empty(), List.of("web"), Map.of("app_dir", "/srv/app", "tier", "a", "service", "tmws"), Map.of(),
                List.of(), Map.of("app_dir", "hosts.yaml:1:17", "tier", "hosts.yaml:3:69", "service", "hosts.yaml:6:46")));
        FleetHost web2 = inventory.hosts().get(1);
        assertThat(web2.address()).isEqualTo("web2");
        assertThat(web2.port()).isEmpty();
        assertThat(web2.params()).isEqualTo(Map.of("app_dir", "/srv/app", "tier", "g", "service", "tmws"));
    }

    @Test
    void ansibleFormReadsHostsChildrenVarsAndConnectionVariables() throws Exception {
        Inventory inventory = InventoryReader.parse("inv.yml", """
                all:
                  vars:
                    app_dir: /srv/app
                  hosts:
                    lb1:
                  children:
                    web:
                      vars: {service: tmws}
                      hosts:
                        web1: {ansible_host: 127.0.0.1, ansible_port: 2202, ansible_user: ops, slot: "1"}
                      children:
                        canary:
                          vars: {service: tmws-canary}
                          hosts:
                            web2: {ansible_host: 127.0.0.2}
                """);
        assertThat(inventory.hosts()).extracting(FleetHost::name).containsExactly("lb1", "web1", "web2");
        FleetHost web1 = inventory.hosts().get(1);
        assertThat(web1.address()).isEqualTo("127.0.0.1");
        assertThat(web1.port()).contains(2202);
        assertThat(web1.user()).contains("ops");
        assertThat(web1.params()).isEqualTo(Map.of("app_dir", "/srv/app", "service", "tmws", "slot", "1"));
        FleetHost web2 = inventory.hosts().get(2);
        assertThat(web2.groups()).containsExactly("web", "canary");
        assertThat(web2.params()).containsEntry("service", "tmws-canary");
    }

    @Test
    void everyProblemOfABadOwnInventoryIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> InventoryReader.parse("bad.yaml", """
                hosts:
                  web1: {adress: 10.0.0.1, port: 70000}
                  web2: {vars: 7}
                groups:
                  web: {hosts: [web1, web9]}
                """)).isInstanceOfSatisfying(InventoryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("bad.yaml: 4 problems");
                    assertThat(e.problems()).extracting(Problem::render).containsExactly(
                            "bad.yaml:2:10: unknown key 'adress' in host 'web1'\n"
                                    + "  hint: allowed: address, port, user, vars; runbook params go under vars:",
                            "bad.yaml:2:34: port '70000' is not a TCP port (1-65535)",
                            "bad.yaml:3:16: vars must be a mapping of name: value, not a string",
                            "bad.yaml:5:23: group 'web' names host 'web9', which is not under hosts:\n"
                                    + "  hint: add it to hosts: or correct the name");
                });
    }

    @Test
    void aTeamsAnsibleInventoryWithVariablesForOtherPlaybooksIsRead() throws Exception {
        Inventory inventory = InventoryReader.parse("team.yml", """
                all:
                  vars:
                    ansible_python_interpreter: /usr/bin/python3
                    ansible_ssh_common_args: -o StrictHostKeyChecking=no -o 'ControlPersist 60s' -F /dev/null
                    ntp_servers: [ntp1.example.com, ntp2.example.com]
                    sysctl: {vm.swappiness: 10}
                    db_password: !vault |
                      $ANSIBLE_VAULT;1.1;AES256
                      6231373566373031
                    motd: "Welcome to {{ inventory_hostname }}"
                  children:
                    web:
                      hosts:
                        web1: {ansible_ssh_host: 10.0.0.11, ansible_ssh_port: 2222, ansible_ssh_user: deploy}
                        web2: {ansible_host: 10.0.0.12, ansible_ssh_host: 10.0.0.99, ansible_become: no}
                """);
        FleetHost web1 = inventory.hosts().get(0);
        assertThat(List.of(web1.address(), web1.port(), web1.user()))
                .containsExactly("10.0.0.11", Optional.of(2222), Optional.of("deploy"));
        // Ansible's ssh plugin: the later name wins when both are set.
        assertThat(inventory.hosts().get(1).address()).isEqualTo("10.0.0.99");
        assertThat(web1.connectionProblems()).isEmpty();
        assertThat(web1.params()).isEmpty();
        assertThat(web1.unusable()).containsExactly(
                Map.entry("ntp_servers", "is a list, and runbook params are text (team.yml:5:18)"),
                Map.entry("sysctl", "is a mapping, and runbook params are text (team.yml:6:13)"),
                Map.entry("db_password", "is encrypted with ansible-vault, which runbook does not decrypt "
                        + "(team.yml:7:18)"),
                Map.entry("motd", "holds an Ansible template ('Welcome to {{ inventory_hostname }}'), which runbook "
                        + "does not expand (team.yml:10:11)"));
    }

    @Test
    void aGroupNamedAsAChildElsewhereIsOneGroupAndVariablesMergeByDepthThenNameAsAnsibleDoes() throws Exception {
        // The form ansible-inventory --list writes: groups defined once, named as children elsewhere.
        Inventory inventory = InventoryReader.parse("inv.yml", """
                all:
                  vars: {color: all, tier: all}
                  children:
                    prod:
                      vars: {color: prod}
                      children:
                        web:
                        db:
                    web:
                      vars: {tier: web}
                      hosts:
                        h1: {own: h1}
                        h2:
                    db:
                      vars: {tier: db, color: db}
                      hosts:
                        h2:
                        h1:
                    loop_a: {children: {loop_b: }}
                    loop_b: {children: {loop_a: }, hosts: {h3: }}
                """.replace("    loop_a: {children: {loop_b: }}\n    loop_b: {children: {loop_a: }, hosts: {h3: }}\n", ""));
        Map<String, FleetHost> byName = new java.util.HashMap<>();
        inventory.hosts().forEach(h -> byName.put(h.name(), h));
        // prod (depth 1) < db, web (depth 2, by name): web's tier wins over db's; prod's color under db's.
        assertThat(byName.get("h1").params()).isEqualTo(Map.of("color", "db", "tier", "web", "own", "h1"));
        assertThat(byName.get("h2").params()).isEqualTo(Map.of("color", "db", "tier", "web"));
        assertThat(byName.get("h1").groups()).containsExactly("prod", "db", "web");
        assertThat(inventory.select("prod")).extracting(FleetHost::name).containsExactly("h1", "h2");
    }

    @Test
    void aGroupThatContainsItselfThroughAnotherIsLocated() {
        assertThatThrownBy(() -> InventoryReader.parse("inv.yml", """
                all:
                  children:
                    a: {children: {b: }}
                    b: {children: {a: }, hosts: {h1: }}
                """)).isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems())
                .extracting(Problem::render).first().asString().startsWith("inv.yml:").contains(
                        "contains itself\n  hint: a group cannot be its own child, directly or through other groups"));
    }

    @Test
    void anEmptyOrRootCacheFolderAndAMistypedControllerVariableAreRefusedForTheirHost() throws Exception {
        Inventory own = InventoryReader.parse("h.yaml", """
                hosts:
                  a: {vars: {runbook_cache: ""}}
                  b: {vars: {runbook_stat: /var/lib/rb}}
                  c: {vars: {runbook_cache: /srv/cache, runbook_state: /var/lib/rb}}
                """);
        assertThat(own.hosts().get(0).connectionProblems()).extracting(Problem::render).containsExactly(
                "h.yaml:2:29: runbook_cache is empty\n  hint: leave it out for the default, or name a folder "
                        + "(runbook_cache: .cache/runbook under the login's home; runbook_state: the engine's own)");
        assertThat(own.hosts().get(1).connectionProblems()).extracting(Problem::render).containsExactly(
                "h.yaml:3:28: unknown controller variable 'runbook_stat'\n  hint: did you mean 'runbook_state'?; "
                        + "the controller's own: runbook_cache, runbook_state, runbook_java");
        assertThat(own.hosts().get(2).connectionProblems()).isEmpty();
        Inventory ansible = InventoryReader.parse("i.yml", "all:\n  vars: {runbook_cache: /}\n  hosts: {a: }\n");
        assertThat(ansible.hosts().get(0).connectionProblems()).extracting(Problem::message)
                .containsExactly("runbook_cache is the root folder");
    }

    @Test
    void hostsSharingSettingsThroughAMergeKeyGetThemWithTheirOwnWinning() throws Exception {
        Inventory inventory = InventoryReader.parse("inv.yml", """
                all:
                  hosts:
                    web1: &defaults
                      ansible_user: deploy
                      app_dir: /srv/app
                    web2:
                      <<: *defaults
                      app_dir: /srv/other
                """);
        assertThat(inventory.hosts()).extracting(h -> h.name() + " " + h.user().orElse("-") + " " + h.params())
                .containsExactly("web1 deploy {app_dir=/srv/app}", "web2 deploy {app_dir=/srv/other}");
    }

    @Test
    void connectionVariablesThatWouldReachAHostDifferentlyAreRefusedAtTheirPlace() throws Exception {
        Inventory inventory = InventoryReader.parse("inv.yml", """
                all:
                  vars:
                    ansible_become: true
                  hosts:
                    localhost: {ansible_connection: local}
                    web1: {ansible_password: hunter2, ansible_ssh_common_args: '-o ProxyJump=bastion'}
                    web2: {ansible_become: "no", ansible_host: "{{ inventory_hostname }}.example.com"}
                    web3: {ansible_become: "no", ansible_ssh_private_key_file: /nonexistent/key}
                """);
        assertThat(inventory.hosts().get(0).connectionProblems()).extracting(Problem::render).containsExactly(
                "inv.yml:3:21: ansible_become: runbook runs as the login user and does not switch users (no sudo "
                        + "or su)\n  hint: log in as the user the runbook needs (ansible_user), or leave this host "
                        + "out with --limit",
                "inv.yml:5:37: ansible_connection 'local': runbook reaches every host over ssh\n  hint: to run on "
                        + "this machine, run the runbook without --inventory; else leave this host out with --limit");
        assertThat(inventory.hosts().get(1).connectionProblems()).extracting(Problem::message).containsExactly(
                "ansible_become: runbook runs as the login user and does not switch users (no sudo or su)",
                "ansible_password: runbook logs in with keys only",
                "ansible_ssh_common_args '-o ProxyJump=bastion' would reach the host another way (a bastion, "
                        + "address, port, user or key), and is not read here");
        assertThat(inventory.hosts().get(2).connectionProblems()).extracting(Problem::render).containsExactly(
                "inv.yml:7:48: ansible_host holds an Ansible template ('{{ inventory_hostname }}.example.com'), "
                        + "which runbook does not expand\n  hint: write the value itself");
        assertThat(inventory.hosts().get(3).connectionProblems()).extracting(Problem::render).containsExactly(
                "inv.yml:8:64: private key file /nonexistent/key cannot be read\n  hint: correct the path (relative "
                        + "paths are from the current folder, as ssh -i reads them), or give a key without a passphrase");
    }

    @Test
    void aPrivateKeyFileIsTheHostsIdentity(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path key = KeyFilesTest.keygen(dir.resolve("deploy_key"), "");
        Inventory inventory = InventoryReader.parse("inv.yml", "all:\n  hosts:\n    web1: {ansible_ssh_private_key_file: "
                + key + "}\n");
        assertThat(inventory.hosts().get(0).identity()).contains(key);
        assertThat(inventory.hosts().get(0).connectionProblems()).isEmpty();
    }

    @Test
    void groupVarsAndHostVarsBesideTheInventoryAreReadWithAnsiblesPrecedence(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path dir) throws Exception {
        java.nio.file.Path inventory = java.nio.file.Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars: {level: file-all, in_file: yes}
                  children:
                    web:
                      vars: {level: file-web, web_file: yes}
                      hosts:
                        web1: {level: file-host}
                        web2:
                    db:
                      hosts: {db1: }
                """);
        write(dir, "group_vars/all.yml", "level: dir-all\nall_dir: yes\n");
        write(dir, "group_vars/web/10-main.yml", "level: dir-web\nweb_dir: first\n");
        write(dir, "group_vars/web/20-more.yaml", "web_dir: second\n");
        write(dir, "group_vars/web/.hidden.yml", "level: hidden\n");
        write(dir, "group_vars/web/notes.txt", "level: txt\n");
        write(dir, "group_vars/web/vault.yml", "$ANSIBLE_VAULT;1.1;AES256\n3338316233\n");
        write(dir, "group_vars/db.json", "{\"level\": \"dir-db\"}");
        write(dir, "host_vars/web1", "# nothing yet\n");
        write(dir, "host_vars/web2.yml", "level: dir-host\n");

        Inventory read = InventoryReader.read(inventory);
        Map<String, Map<String, String>> vars = new java.util.LinkedHashMap<>();
        read.hosts().forEach(host -> vars.put(host.name(), host.params()));
        // The file's group variables, group_vars/all, the other groups' group_vars, the file's host
        // variables, host_vars: each over the one before.
        assertThat(vars.get("web1")).containsEntry("level", "file-host").containsEntry("web_dir", "second")
                .containsEntry("all_dir", "yes").containsEntry("in_file", "yes").containsEntry("web_file", "yes");
        assertThat(vars.get("web2")).containsEntry("level", "dir-host");
        assertThat(vars.get("db1")).containsEntry("level", "dir-db").doesNotContainKey("web_dir");
        assertThat(read.notes()).containsExactly("note: " + dir.resolve("group_vars/web/vault.yml") + " is encrypted "
                + "with ansible-vault and not read: give what the runbook needs from it with -p, or a secret with "
                + "--secret-file, --secret-env or --secrets-stdin");

        write(dir, "group_vars/db.json", "{\"level\": [1,");
        assertThatThrownBy(() -> InventoryReader.read(inventory)).isInstanceOfSatisfying(InventoryException.class,
                e -> assertThat(e.problems()).extracting(Problem::render).singleElement().asString()
                        .startsWith(dir.resolve("group_vars/db.json") + ":1:"));
    }

    private static void write(java.nio.file.Path dir, String name, String text) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve(name).getParent());
        java.nio.file.Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aBadAnsibleInventoryIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> InventoryReader.parse("inv.yml", """
                all:
                  hosts:
                    web[01:10]:
                  childs:
                    web: {}
                """)).isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems())
                .extracting(Problem::render).containsExactly(
                        "inv.yml:3:5: host ranges like 'web[01:10]' are not read\n  hint: list each host by name",
                        "inv.yml:4:3: unknown key 'childs' in group 'all'\n  hint: a group has hosts:, vars: and "
                                + "children: (a host's variables go under its name in hosts:)"));
    }

    @Test
    void anIniInventoryIsNamedAsSuchWithHowToConvertIt() {
        String hint = "\n  hint: convert an INI inventory once with: ansible-inventory -i FILE --list --yaml > hosts.yml";
        assertThatThrownBy(() -> InventoryReader.parse("hosts", "# prod\n\n[web]\nweb1 ansible_host=10.0.0.1\n"))
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems())
                        .extracting(Problem::render).containsExactly("hosts:3:1: this is Ansible's INI inventory form; "
                                + "runbook reads its YAML form" + hint));
        assertThatThrownBy(() -> InventoryReader.parse("hosts", "web1\nweb2\n"))
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems())
                        .extracting(Problem::render).containsExactly("hosts:1:1: an inventory is a mapping (hosts:, "
                                + "groups:, vars:, or Ansible's all:), not a string" + hint));
    }

    @Test
    void aHostNameWithAControlCharacterOrASpaceIsRefusedAtItsPlace() {
        assertThatThrownBy(() -> InventoryReader.parse("inv.yml", "all:\n  hosts:\n    \"x\\e[31mRED\\a\": \n    \"a b\": \n"
                + "    \"web\u202e1\": \n"))
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems())
                        .extracting(Problem::render).containsExactly(
                                "inv.yml:3:5: host name 'x?[31mRED?' is empty or holds a space or a control or format character\n"
                                        + "  hint: name the host plainly (web1) and give its address in ansible_host "
                                        + "(Ansible's form) or address: (this tool's own)",
                                "inv.yml:4:5: host name 'a b' is empty or holds a space or a control or format character\n"
                                        + "  hint: name the host plainly (web1) and give its address in ansible_host "
                                        + "(Ansible's form) or address: (this tool's own)",
                                "inv.yml:5:5: host name 'web\u202e1' is empty or holds a space or a control or format "
                                        + "character\n  hint: name the host plainly (web1) and give its address in "
                                        + "ansible_host (Ansible's form) or address: (this tool's own)"));
    }

    @Test
    void anEmptyInventoryIsNamedAsOne() {
        assertThatThrownBy(() -> InventoryReader.parse("hosts.yml", "# nothing yet\n---\n"))
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems())
                        .extracting(Problem::render).containsExactly("hosts.yml:1:1: the inventory is empty\n  hint: list "
                                + "hosts under all: hosts: (Ansible's form) or hosts: (this tool's own); docs/FLEET.md"));
    }

    @Test
    void aYamlErrorAndAListAtTheTopAreLocated() {
        assertThatThrownBy(() -> InventoryReader.parse("l.yaml", "- web1\n- web2\n"))
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems())
                        .extracting(Problem::render).containsExactly("l.yaml:1:1: an inventory is a mapping (hosts:, "
                                + "groups:, vars:, or Ansible's all:), not a list"));
    }

    @Test
    void limitSelectsByNameGroupGlobAndExclusionInInventoryOrder() throws Exception {
        Inventory inventory = InventoryReader.parse("h.yaml", """
                hosts: {a1: , a2: , b1: , b2: }
                groups:
                  canary: {hosts: [b2]}
                """);
        assertThat(inventory.select("a*,canary")).extracting(FleetHost::name).containsExactly("a1", "a2", "b2");
        assertThat(inventory.select("all:!a2")).extracting(FleetHost::name).containsExactly("a1", "b1", "b2");
        assertThat(inventory.select("*1:&a*")).extracting(FleetHost::name).containsExactly("a1");
        assertThatThrownBy(() -> inventory.select("a1,x*")).hasMessage(
                "--limit: x* matches no host or group of the inventory");
        assertThatThrownBy(() -> inventory.select("~a[12]")).hasMessage(
                "--limit: regular-expression patterns ('~a[12]') are not read; use names, groups, * globs, !x and &x");
    }
}
