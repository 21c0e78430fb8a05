/**
 * Planning: the step graph, scenario and selection, parameter resolution, lock keys and the plan
 * writers (text, JSON, Mermaid). It may use {@code action} (for declarations), the model and the
 * libraries; the engine, the application and the CLI use it.
 */
package dev.runbook.plan;
