/**
 * Files and folders: backups with manifests and checksum lists, verification, atomic restores
 * keeping owners, modes and hard links, staging, diffs and SHA-256. It may use {@code json}; it
 * knows nothing of runbooks.
 */
package dev.runbook.files;
