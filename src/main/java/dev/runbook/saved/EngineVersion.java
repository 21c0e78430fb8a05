package dev.runbook.saved;

/** The version of this build (the jar's, or "dev" when run from classes), which a plan must be applied with. */
public final class EngineVersion {

    private EngineVersion() {
    }

    public static String current() {
        String version = EngineVersion.class.getPackage().getImplementationVersion();
        return "runbook " + (version == null ? "dev" : version) + ", format 1";
    }
}
