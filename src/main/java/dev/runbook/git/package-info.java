/**
 * Git operations through JGit (status, tag, checkout, reset, restore, log, saving dirty work). It
 * is to become a library without action types (the git actions move into {@code action}); until
 * then it also holds their implementations.
 */
package dev.runbook.git;
