package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 6: the README's test command provisions what the tests need: Maven's initialize
 * phase runs bin/provision-tests, which installs what is missing with apt-get and says so, or names
 * what is missing and fails; .ci/run runs that very command.
 */
class ProvisionTest {

    private static final Path SCRIPT = Path.of("bin/provision-tests").toAbsolutePath();

    @TempDir
    Path dir;

    private record Result(int code, String output) {
    }

    /** The script on a machine whose PATH has a shell and a few basics only, apt-get recording its calls. */
    private Result onBareMachine(String... env) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("bash", "ls", "env", "cat")) {
            script(bin.resolve(tool), "exec " + which(tool) + " \"$@\"");
        }
        script(bin.resolve("id"), "echo 0");   // as root, whoever runs the tests
        script(bin.resolve("apt-get"), "echo \"$*\" >> " + dir.resolve("apt-get.log"));
        ProcessBuilder builder = new ProcessBuilder(which("bash"), SCRIPT.toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void whatIsMissingIsInstalledWithAptGetAndSaid() throws Exception {
        Result result = onBareMachine();
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("provision-tests: missing what the tests need:\n"
                        + "  python3, for the example services and http.server in the process tests\n"
                        + "  alembic, for the alembic.* actions and the example migrations (brings python3-sqlalchemy)\n")
                .contains("provision-tests: installing python3 alembic util-linux procps perl coreutils findutils")
                .contains("provision-tests: installed python3 alembic util-linux procps perl coreutils findutils");
        List<String> calls = Files.readAllLines(dir.resolve("apt-get.log"));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).isEqualTo("update -qq");
        assertThat(calls.get(1)).startsWith("install -y -qq --no-install-recommends python3 alembic util-linux procps perl "
                + "coreutils findutils");
    }

    @Test
    void theFleetTestsOpenSshServerAndClientAreInstalledWhenMissing() throws Exception {
        Result result = onBareMachine("RUNBOOK_SSHD", dir.resolve("no-sshd-here").toString());
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("  openssh-server, for sshd: the fleet tests' hosts on loopback ports\n",
                "  openssh-client, for ssh-keygen, ssh: the fleet tests' host and client keys\n");
        List<String> calls = Files.readAllLines(dir.resolve("apt-get.log"));
        assertThat(calls.get(1)).contains(" findutils openssh-server openssh-client");
    }

    @Test
    void checkOnlyNamesWhatIsMissingAndFailsWithoutInstalling() throws Exception {
        Result result = onBareMachine("RUNBOOK_PROVISION", "check");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("provision-tests: missing python3 alembic util-linux procps perl coreutils "
                + "findutils").contains("install them (on Debian: apt-get install -y -qq --no-install-recommends python3 ");
        assertThat(dir.resolve("apt-get.log")).doesNotExist();
    }

    @Test
    void onThisMachineEverythingIsPresent() throws Exception {
        Process process = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).endsWith("nothing to install\n");
    }

    @Test
    void theReadmesTestCommandRunsTheProvisioningAndCiRunsThatCommand() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String command = readme.substring(readme.indexOf("# build and run every test\n") + 27).lines().findFirst().orElseThrow();
        assertThat(command).isEqualTo("./mvnw -B verify");
        assertThat(Files.readAllLines(Path.of(".ci/run"))).contains(command);
        String pom = Files.readString(Path.of("pom.xml"));
        String execution = pom.substring(pom.indexOf("<id>provision-tests</id>"), pom.indexOf("</execution>",
                pom.indexOf("<id>provision-tests</id>")));
        assertThat(execution).contains("<phase>initialize</phase>", "<goal>exec</goal>",
                "<executable>${project.basedir}/bin/provision-tests</executable>", "<skip>${skipTests}</skip>");
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
    }

    private static void script(Path path, String body) throws Exception {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String which(String tool) {
        for (String folder : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(folder, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(tool + " is not on PATH");
    }
}
