/**
 * The JSON Schema and the action reference (docs/ACTIONS.md), generated from the format's and the
 * actions' declarations. It may use {@code action}, {@code spec} and the libraries.
 */
package dev.runbook.schema;
