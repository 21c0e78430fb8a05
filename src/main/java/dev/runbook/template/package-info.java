/**
 * The template language: Pebble with guards for undefined and null values, values quoted for their
 * context (shell, argv), a render budget, and the masker that keeps secrets out of every output. It
 * uses nothing of the project.
 */
package dev.runbook.template;
