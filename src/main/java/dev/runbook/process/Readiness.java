package dev.runbook.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/** When a started process counts as ready. Each probe is one short attempt; the starter repeats it. */
public sealed interface Readiness {

    /** Whether it is ready now; {@code limit} bounds this one attempt. */
    boolean probe(Duration limit);

    String describe();

    static Readiness none() {
        return new Started();
    }

    static Readiness port(int port) {
        return new Port(port);
    }

    static Readiness url(String url) {
        return new Url(URI.create(url));
    }

    /** Ready as soon as it is started: the step cannot tell a server that fails a second later. */
    record Started() implements Readiness {
        @Override
        public boolean probe(Duration limit) {
            return true;
        }

        @Override
        public String describe() {
            return "started";
        }
    }

    /** Ready when a local TCP port accepts a connection (on the loopback address). */
    record Port(int port) implements Readiness {
        @Override
        public boolean probe(Duration limit) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis(limit));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String describe() {
            return "port " + port + " accepting";
        }
    }

    /**
     * Ready when a GET answers 2xx. HttpURLConnection rather than HttpClient: no selector thread,
     * no executor, for a probe made a few times a second.
     */
    record Url(URI url) implements Readiness {
        @Override
        public boolean probe(Duration limit) {
            HttpURLConnection http = null;
            try {
                http = (HttpURLConnection) url.toURL().openConnection();
                http.setConnectTimeout(millis(limit));
                http.setReadTimeout(millis(limit));
                int status = http.getResponseCode();
                try (InputStream body = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                    if (body != null) {
                        body.readNBytes(64 * 1024);
                    }
                }
                return status >= 200 && status < 300;
            } catch (IOException | IllegalArgumentException | ClassCastException e) {
                return false;
            } finally {
                if (http != null) {
                    http.disconnect();
                }
            }
        }

        @Override
        public String describe() {
            return url + " answering 2xx";
        }
    }

    private static int millis(Duration limit) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit.toMillis()));
    }
}
