package io.jenkins.plugins.awsrole.engine.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local HTTP server that publishes an issuer's documents the way the Jenkins layer will: at
 * {@code <issuer>/.well-known/openid-configuration} and {@code <issuer>/jwks}, asking the issuer for them on every
 * request (so rotation shows at once). Shared with tests of other packages through the engine test jar.
 */
public final class IssuerHttpServer implements AutoCloseable {

    private static final String PATH = "/" + IssuerUrl.JENKINS_PATH;

    private final HttpServer server;
    private final AtomicReference<OidcIssuer> issuer = new AtomicReference<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();

    public IssuerHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** The issuer URL this server answers for: {@code http://127.0.0.1:<port>/aws-oidc-role}. */
    public IssuerUrl issuerUrl() {
        return IssuerUrl.parse("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    public void serve(OidcIssuer issuerToServe) {
        issuer.set(issuerToServe);
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            if (path.equals(PATH + "/.well-known/openid-configuration")) {
                body = issuer.get().documents().discoveryJson();
            } else if (path.equals(PATH + "/jwks")) {
                jwksFetches.incrementAndGet();
                body = issuer.get().documents().jwksJson();
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", IssuerDocuments.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
