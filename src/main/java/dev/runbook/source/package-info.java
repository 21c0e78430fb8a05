/**
 * The bottom of the reading side: a position in a runbook file ({@code Location}) and the problems
 * found there ({@code Problem}, {@code Problems}), shared by the YAML reader, the parser,
 * validation and action arguments. It uses nothing of the project.
 */
package dev.runbook.source;
