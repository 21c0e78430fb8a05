package dev.runbook.model;

/**
 * The name a step gives the files and folders made for it (its log, what a restore keeps aside).
 * A runbook's step ids are already file-safe; an undo action's id ({@code backup:undo:2}) has
 * {@code :}, which some file systems, archive tools and {@code scp host:path} read as something
 * else, so it becomes {@code +} ({@code backup+undo+2}): neither can appear in a runbook's own ids
 * (letters, digits, '.', '-', '_'), so the name is never another step's.
 */
public final class StepFiles {

    private StepFiles() {
    }

    public static String name(String stepId) {
        return stepId.replace(':', '+');
    }
}
