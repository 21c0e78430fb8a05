/**
 * Persistence adapter: writes the engine's step transitions to the journal (intent made durable
 * before a changing step starts) as a {@code RunListener}. It sits here, not in {@code journal},
 * because the journal is below the actions (report.render reads it) and must not know the engine.
 * It may use {@code engine}, {@code journal} and the layers below; only {@code app} and {@code cli}
 * use it.
 */
package dev.runbook.recording;
