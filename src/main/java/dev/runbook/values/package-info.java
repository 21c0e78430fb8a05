/**
 * Values written as text and read the same way in every layer: byte sizes ({@link dev.runbook.values.Sizes},
 * parsed and formatted) and booleans ({@link dev.runbook.values.Booleans}). It owns the spelling
 * conventions only, uses nothing of the project, and every package may use it (it sits below the
 * libraries, so {@code files/} and {@code sqlite/} format sizes as the console and reports do).
 */
package dev.runbook.values;
