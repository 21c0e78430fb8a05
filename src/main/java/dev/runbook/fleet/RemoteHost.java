package dev.runbook.fleet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * One authenticated session on one host. Every remote command is one exec channel on it (no new
 * connection per command); the command line holds no secret: secrets go on the command's stdin.
 * Commands are built from values quoted for a POSIX shell (the remote side of SSH is always one).
 */
public final class RemoteHost implements AutoCloseable {

    private final FleetHost host;
    private final ClientSession session;

    RemoteHost(FleetHost host, ClientSession session) {
        this.host = host;
        this.session = session;
    }

    public FleetHost host() {
        return host;
    }

    /** What one remote command did: its exit status (empty when the connection ended first) and stderr. */
    public record Exit(Optional<Integer> status, String stderr) {
    }

    /**
     * Runs {@code command}, feeding {@code stdin} (closed at its end), handing each stdout line to
     * {@code lines}; waits at most {@code timeout}.
     */
    public Exit run(String command, InputStream stdin, Consumer<String> lines, Duration timeout) throws IOException {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command);
             LineSplitter out = new LineSplitter(lines)) {
            channel.setIn(stdin);
            channel.setOut(out);
            channel.setErr(stderr);
            channel.open().verify(timeout);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new IOException(host.name() + ": no answer within " + timeout.toSeconds() + " s to a remote command");
            }
            out.flush();
            return new Exit(Optional.ofNullable(channel.getExitStatus()), stderr.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs a short command with no input and returns its stdout, or why it failed. */
    public String capture(String command, Duration timeout) throws IOException {
        StringBuilder out = new StringBuilder();
        Exit exit = run(command, InputStream.nullInputStream(), line -> out.append(line).append('\n'), timeout);
        if (exit.status().isEmpty()) {
            throw new IOException(host.name() + ": the connection ended during '" + command + "'");
        }
        if (exit.status().get() != 0) {
            throw new IOException(host.name() + ": '" + command + "' exited " + exit.status().get() + ": "
                    + exit.stderr().strip());
        }
        return out.toString();
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        session.close();
    }

    /** Cuts what a command writes into lines as they arrive (JSON events are read while the run goes on). */
    private static final class LineSplitter extends OutputStream {

        private final Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSplitter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
