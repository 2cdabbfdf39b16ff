package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real HTTP proxy on loopback for tests: Debian's {@code tinyproxy} (env {@code TINYPROXY}, else
 * {@code /usr/bin/tinyproxy}), started in the foreground with a configuration of its own in a temporary directory, on a
 * free port of 127.0.0.1, optionally asking for a user name and password (HTTP Basic, answering 407 without them).
 * Its log lists every request it forwarded, which is how a test sees that a call went through it.
 *
 * <p>One quirk matters: tinyproxy serves one request per client connection and then closes it, without the
 * {@code Connection: close} header that would tell an HTTP/1.1 client so. A client that reuses the pooled connection
 * for a second plain-HTTP call right away (the SDK's Apache client, within its 2-second validation interval) gets no
 * answer ({@code NoHttpResponseException}) and must retry on a new connection. AWS's real endpoints are HTTPS, reached
 * through a {@code CONNECT} tunnel that stays open, so this is a property of the test setup, not of production; tests
 * that make several calls in a row through it must expect one failed attempt per reused connection.
 *
 * <p>A missing {@code tinyproxy} skips the test on a developer's machine and fails it in CI ({@code CI=true}), where
 * {@code .ci/run} installs it.
 */
public final class TinyProxy implements AutoCloseable {

    /** The host tests name for the proxy; it listens on this address only. */
    public static final String HOST = "127.0.0.1";

    private static final String REQUEST_MARK = "Request (file descriptor ";

    private final Process process;
    private final Path directory;
    private final Path log;
    private final int port;

    private TinyProxy(Process process, Path directory, Path log, int port) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.port = port;
    }

    /** A proxy that forwards anything from loopback, asking for no credentials. */
    public static TinyProxy start() throws IOException, InterruptedException {
        return start(null, null);
    }

    /** A proxy that answers 407 unless the request carries this user name and password (Basic). */
    public static TinyProxy start(String user, String password) throws IOException, InterruptedException {
        String binary = binary();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken between probe and bind
            Path directory = Files.createTempDirectory("tinyproxy");
            Path log = directory.resolve("tinyproxy.log");
            int port = freePort();
            Path config = directory.resolve("tinyproxy.conf");
            StringBuilder text = new StringBuilder()
                    .append("Port ")
                    .append(port)
                    .append('\n')
                    .append("Listen ")
                    .append(HOST)
                    .append('\n')
                    .append("Timeout 30\n")
                    .append("MaxClients 50\n")
                    .append("Allow ")
                    .append(HOST)
                    .append('\n')
                    // Connect: one line per connection and per request line; the test reads the latter.
                    .append("LogLevel Connect\n")
                    .append("LogFile \"")
                    .append(log)
                    .append("\"\n");
            if (user != null) {
                text.append("BasicAuth ")
                        .append(user)
                        .append(' ')
                        .append(password)
                        .append('\n');
            }
            Files.writeString(config, text, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(binary, "-d", "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("tinyproxy.out").toFile())
                    .start();
            TinyProxy proxy = new TinyProxy(process, directory, log, port);
            if (proxy.awaitListening(Duration.ofSeconds(10))) {
                return proxy;
            }
            String output = proxy.output();
            proxy.close();
            last = new IOException("tinyproxy did not start on port " + port + ": " + output);
        }
        throw last;
    }

    private static String binary() {
        String binary = System.getenv().getOrDefault("TINYPROXY", "/usr/bin/tinyproxy");
        if (!Files.isExecutable(Path.of(binary))) {
            String message = "A real HTTP proxy is needed (" + binary + " is not executable). Install it (Debian:"
                    + " apt-get install tinyproxy) or point TINYPROXY at it.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return binary;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private boolean awaitListening(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** The port it listens on, on {@link #HOST}. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return HOST + ":" + port;
    }

    /**
     * The request lines the proxy has received so far ({@code POST http://127.0.0.1:1234/ HTTP/1.1}), oldest first,
     * including those it then refused (it logs a request line before it checks credentials).
     */
    public List<String> requests() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> requests = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            int mark = line.indexOf(REQUEST_MARK);
            if (mark >= 0) {
                int start = line.indexOf("): ", mark);
                requests.add(start < 0 ? line.substring(mark) : line.substring(start + 3));
            }
        }
        return requests;
    }

    /** The requests it received for {@code http://<hostAndPort>/...}. */
    public List<String> requestsTo(String hostAndPort) throws IOException {
        return requests().stream()
                .filter(r -> r.contains(" http://" + hostAndPort + "/"))
                .toList();
    }

    private String output() {
        try {
            return Files.readString(directory.resolve("tinyproxy.out"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Stops the proxy and removes its directory. */
    @Override
    public void close() {
        // Killed rather than asked: on SIGTERM tinyproxy waits for its idle connections, seconds per test.
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
