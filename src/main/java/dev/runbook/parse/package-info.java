/**
 * Reading a runbook's YAML nodes into the model ({@code Runbook}, {@code Step}), checked against
 * the format's declared keys. It may use {@code model}, {@code spec}, {@code template}, {@code
 * yaml} and {@code source}.
 */
package dev.runbook.parse;
