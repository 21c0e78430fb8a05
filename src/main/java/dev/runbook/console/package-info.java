/**
 * Presentation adapter: the human output of a run (a line per step, the live status line, colour on
 * a terminal, secrets masked), as a {@code RunListener} that watches the engine from outside, and
 * the confirmations asked on the terminal. It may use {@code engine} and the layers below; only
 * {@code app} and {@code cli} use it.
 */
package dev.runbook.console;
