/**
 * The format's declared keys and value types ({@code FormatSpec}, {@code ValueType}), type checking
 * of YAML values, durations, sizes and suggestions for misspelt names. It may use {@code model},
 * {@code yaml} and {@code source}.
 */
package dev.runbook.spec;
