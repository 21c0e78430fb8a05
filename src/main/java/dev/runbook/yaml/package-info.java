/**
 * A YAML document as nodes that keep their source positions (mapping, sequence, scalar), loaded
 * with snakeyaml-engine, with duplicate keys and other YAML errors reported as problems. It may use
 * only {@code source}.
 */
package dev.runbook.yaml;
