package dev.runbook.cli;

import picocli.CommandLine;

/** The version, from the jar's manifest when there is one. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"runbook " + (version == null ? "dev" : version) + ", format 1"};
    }
}
