package dev.runbook.process;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A server for process.start tests, run as its own JVM: {@code TinyHttpServer PORT HEALTHY_AFTER_MS}
 * listens on 127.0.0.1:PORT at once, but /health answers 503 until HEALTHY_AFTER_MS have passed
 * (a server that accepts connections before it can serve), then 200.
 */
public final class TinyHttpServer {

    private TinyHttpServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long healthyAt = System.currentTimeMillis() + Long.parseLong(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            boolean health = exchange.getRequestURI().getPath().equals("/health");
            int status = !health ? 404 : System.currentTimeMillis() < healthyAt ? 503 : 200;
            byte[] body = (status == 200 ? "ok" : "not yet").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("listening on " + port);
    }
}
