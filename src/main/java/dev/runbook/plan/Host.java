package dev.runbook.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code host} template root: name, user, os. */
public final class Host {

    private Host() {
    }

    public static Map<String, Object> facts() {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("name", name());
        host.put("user", System.getProperty("user.name", ""));
        host.put("os", System.getProperty("os.name", ""));
        return host;
    }

    /** Read from the kernel rather than through DNS, which can stall for seconds on a bad resolver. */
    private static String name() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
