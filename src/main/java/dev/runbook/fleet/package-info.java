/**
 * The fleet controller: one runbook run on many hosts over SSH (issue 18). It owns the inventory
 * (its own YAML form and Ansible's static YAML), --limit patterns, waves and the failure budget, the
 * SSH connections (Apache MINA SSHD: one client, known_hosts, ~/.ssh/config), shipping this build's
 * jar and the runbook to each host once per version, running {@code runbook run --json} there and
 * reading its events, fleet-wide rollback through {@code runbook undo} on each host, and the fleet
 * journal (its own SQLite file in the state folder). It is in the application layer beside {@code
 * app}: it may use the libraries ({@code yaml}, {@code source}, {@code json}, {@code template}) and
 * the records; only {@code cli} uses it. Each host runs the same engine with its own journal: the
 * controller never runs steps itself.
 */
package dev.runbook.fleet;
