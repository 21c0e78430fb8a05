package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * JNA is given its library folders, so its start does not run /sbin/ldconfig (seen with strace on a
 * backup.verify run: one ldconfig per command before, none after), and libcrypto still loads.
 */
class JnaSearchPathTest {

    @Test
    void theFoldersAreGivenUnlessTheOperatorGaveThemAndLibcryptoStillLoads() {
        String before = System.getProperty(JnaSearchPath.PROPERTY);
        try {
            System.setProperty(JnaSearchPath.PROPERTY, "/opt/mine");
            JnaSearchPath.settle();
            assertThat(System.getProperty(JnaSearchPath.PROPERTY)).isEqualTo("/opt/mine");
            System.clearProperty(JnaSearchPath.PROPERTY);
            JnaSearchPath.settle();
            assertThat(System.getProperty(JnaSearchPath.PROPERTY)).isEqualTo(JnaSearchPath.FOLDERS)
                    .contains("/usr/lib/x86_64-linux-gnu");
        } finally {
            if (before == null) {
                System.clearProperty(JnaSearchPath.PROPERTY);
            } else {
                System.setProperty(JnaSearchPath.PROPERTY, before);
            }
        }
        assertThat(OpenSslSha256.available(LinuxCalls.system())).as("libcrypto by its soname").isTrue();
    }
}
