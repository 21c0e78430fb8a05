package dev.runbook.validate;

import java.util.Set;

/**
 * What a template at one place may read.
 *
 * @param where       the place, for messages ("step 'stop'", "vars.db")
 * @param params      parameters visible (all of them, or the earlier ones inside a param default)
 * @param vars        vars visible, or null when vars cannot be used here at all
 * @param steps       whether steps.* may be used
 * @param run         whether run.* may be used
 * @param currentStep the step the template belongs to, if any
 * @param anyStep     whether any main step may be read regardless of order (on_failure, finally)
 */
record Scope(String where, Set<String> params, Set<String> vars, boolean steps, boolean run,
             String currentStep, boolean anyStep) {
}
