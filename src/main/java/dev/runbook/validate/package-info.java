/**
 * Checking a runbook completely before anything runs: structure, action arguments, templates, shell
 * strings and references, every problem with its location. It may use {@code parse}, {@code plan},
 * {@code action} declarations, the model and the libraries.
 */
package dev.runbook.validate;
