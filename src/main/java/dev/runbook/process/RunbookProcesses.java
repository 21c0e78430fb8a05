package dev.runbook.process;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processes process.stop never takes: this JVM, every other {@code runbook} process, and the
 * processes above each of them (the shell or CI job that started a run has the run's arguments, and
 * so the application's paths, in its command line). A runbook process is a JVM running the CLI's
 * main class or a {@code runbook*.jar}; what a runbook's steps started is not one of them.
 */
final class RunbookProcesses {

    static final String MAIN_CLASS = "dev.runbook.cli.Main";

    private RunbookProcesses() {
    }

    static Set<Long> neverMatched(List<ProcessInfo> table) {
        Map<Long, ProcessInfo> byPid = ProcessTable.byPid(table);
        Set<Long> excluded = new HashSet<>(ProcessTable.selfAndAncestors(byPid));
        for (ProcessInfo p : table) {
            if (!excluded.contains(p.pid()) && isRunbook(p)) {
                for (long pid = p.pid(); pid > 0 && excluded.add(pid); ) {
                    ProcessInfo info = byPid.get(pid);
                    pid = info == null ? 0 : info.ppid();
                }
            }
        }
        return excluded;
    }

    /** Whether the process is a runbook CLI: its main class, or {@code -jar .../runbook*.jar}. */
    static boolean isRunbook(ProcessInfo process) {
        String line = process.commandLine();
        if (!line.contains(MAIN_CLASS) && !line.contains(".jar")) {
            return false; // the arguments are read only for the few that may be one
        }
        List<String> argv = ProcessFacts.argv(process.pid());
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals(MAIN_CLASS)) {
                return true;
            }
            if (arg.equals("-jar") && i + 1 < argv.size()) {
                String jar = fileName(argv.get(i + 1));
                return jar.startsWith("runbook") && jar.endsWith(".jar");
            }
        }
        return false;
    }

    private static String fileName(String path) {
        try {
            Path name = Path.of(path).getFileName();
            return name == null ? "" : name.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
