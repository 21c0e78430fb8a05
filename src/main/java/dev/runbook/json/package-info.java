/**
 * A small JSON writer and reader for plain maps, lists and scalars. It uses nothing of the project.
 */
package dev.runbook.json;
