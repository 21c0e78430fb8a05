/**
 * Presentation adapter: {@code --json}, one JSON object per line per run event (docs/EVENTS.md), as
 * a {@code RunListener} that watches the engine from outside. It may use {@code engine} and the
 * layers below; only {@code app} and {@code cli} use it.
 */
package dev.runbook.events;
