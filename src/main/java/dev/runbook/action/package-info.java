/**
 * The actions: their declarations (parameters, outputs, effect, preview kind) and behaviour (run,
 * preview, undo), the registry, and the outcome types a step's action reports. It may use the
 * records ({@code report}, {@code journal}: report.render writes up the run from its journal), the
 * model and the libraries; the engine, planning and validation use it.
 */
package dev.runbook.action;
