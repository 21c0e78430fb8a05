package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ssh arguments of an Ansible inventory would reach a host another way, and which only tune ssh. */
class SshArgsTest {

    @Test
    void optionsThatOnlyTuneSshAreLeftOut() {
        for (String args : List.of("-o StrictHostKeyChecking=no", "-o UserKnownHostsFile=/dev/null -F /dev/null",
                "-o ControlMaster=auto -o 'ControlPersist 60s' -o ControlPath=/tmp/%r@%h:%p", "-C -4 -q",
                "-oServerAliveInterval=30", "-S /tmp/ctl -o ConnectTimeout=10", "-E /tmp/log -o Port-forwarding-x=1", "")) {
            assertThat(SshArgs.routeChange(args)).as(args).isEmpty();
        }
    }

    @Test
    void aBastionAnotherAddressPortUserOrKeyIsNamedAsWritten() {
        assertThat(SshArgs.routeChange("-o StrictHostKeyChecking=no -o ProxyJump=bastion.example.com"))
                .contains("-o ProxyJump=bastion.example.com");
        assertThat(SshArgs.routeChange("-o 'ProxyCommand ssh -W %h:%p bastion'")).contains("-o ProxyCommand ssh -W %h:%p bastion");
        assertThat(SshArgs.routeChange("-oproxyjump=b")).contains("-oproxyjump=b");
        assertThat(SshArgs.routeChange("-J ops@bastion")).contains("-J ops@bastion");
        assertThat(SshArgs.routeChange("-p 2222")).contains("-p 2222");
        assertThat(SshArgs.routeChange("-C -l deploy")).contains("-l deploy");
        assertThat(SshArgs.routeChange("-i ~/.ssh/deploy")).contains("-i ~/.ssh/deploy");
        assertThat(SshArgs.routeChange("-o User=root")).contains("-o User=root");
        assertThat(SshArgs.routeChange("-o")).as("an option ssh could not read").contains("-o");
        assertThat(SshArgs.routeChange("-F ~/.ssh/prod_config")).contains("-F ~/.ssh/prod_config");
        assertThat(SshArgs.routeChange("-F/etc/other")).contains("-F/etc/other");
        assertThat(SshArgs.routeChange("-F/dev/null")).isEmpty();
        // A flag's value is not read as a flag: -S's socket is named -p here.
        assertThat(SshArgs.routeChange("-S -p")).isEmpty();
    }

    @Test
    void wordsAreSplitAsAShellSplitsThem() {
        assertThat(SshArgs.words("  -o 'A b'  -o\"C=d e\" x''y ")).containsExactly("-o", "A b", "-oC=d e", "xy");
    }
}
