package dev.runbook.files;

/**
 * What a restore is given besides its plans, so tests choose it per restore instead of setting
 * process-wide fields: the Linux calls it may use (a test of the two-renames fallback passes
 * {@link LinuxCalls#unavailable()}) and who is told of its {@link Checkpoints}.
 */
public record RestoreHooks(LinuxCalls linux, Checkpoints checkpoints) {

    /** A real restore: the process's Linux calls ({@link LinuxCalls#system()}), no checkpoint listener. */
    public static RestoreHooks standard() {
        return new RestoreHooks(LinuxCalls.system(), Checkpoints.NONE);
    }
}
