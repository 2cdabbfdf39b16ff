package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local AWS-compatible server as a stand-alone process, for a real Jenkins started by hand ({@code ./mvnw hpi:run})
 * such as the one {@code docs/screenshots/take.sh} drives: an account that trusts one Jenkins issuer, with one role
 * {@value #ROLE} that any job's {@code deploy} stage may assume.
 *
 * <p>Run it with the test classpath: {@code java -cp <test classpath> io.jenkins.plugins.awsrole.engine.fakeaws.FakeAwsServer
 * <issuer URL> <info file>}. It writes {@code endpoint=} and {@code roleArn=} lines to the info file once it is ready
 * (the file appears whole, never half written) and serves until the process is killed.
 */
public final class FakeAwsServer implements AutoCloseable {

    /** The one role's name; its trust policy admits {@code job:*:stage:deploy}. */
    public static final String ROLE = "deploy";

    /** The audience the provider and the role's trust policy accept: the plugin's default. */
    public static final String AUDIENCE = "sts.amazonaws.com";

    private final FakeAws aws;
    private final FakeRole role;
    private final ScheduledExecutorService ticker;

    private FakeAwsServer(String issuerUrl) throws IOException {
        FakeClock clock = FakeClock.atRealNow();
        this.aws = FakeAws.start(clock);
        // A test clock stands still; a server that lives for minutes must follow real time, or the sessions it issues
        // would expire (and show) minutes earlier than the tokens Jenkins signs for them.
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-aws-clock");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(
                () -> clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS)), 0, 200, TimeUnit.MILLISECONDS);
        String providerArn = aws.createOidcProvider(issuerUrl, AUDIENCE);
        this.role = aws.createRole(ROLE, FakeAws.trustPolicy(providerArn, AUDIENCE, "job:*:stage:" + ROLE), 3600);
    }

    /**
     * Starts a server whose account trusts {@code issuerUrl}.
     *
     * @param issuerUrl the issuer exactly as the plugin's tokens carry it in {@code iss}, such as
     *     {@code http://localhost:8080/jenkins/aws-oidc-role} (plain http is accepted on loopback)
     */
    public static FakeAwsServer start(String issuerUrl) throws IOException {
        return new FakeAwsServer(issuerUrl);
    }

    /** The server underneath, for its endpoint and what it has issued. */
    public FakeAws aws() {
        return aws;
    }

    /** The ARN of the {@value #ROLE} role. */
    public String roleArn() {
        return role.arn();
    }

    /** What the info file holds: {@code key=value} lines. */
    public String info() {
        return "endpoint=" + aws.endpoint() + "\nroleArn=" + roleArn() + "\n";
    }

    /** Writes {@link #info()} to {@code file} through a temporary file, so that a reader polling for it never sees a part. */
    public void writeInfo(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, info(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        aws.close();
    }

    /**
     * Starts the server, writes the info file and serves until the process is killed.
     *
     * @param args the issuer URL and the info file's path
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FakeAwsServer <issuer URL> <info file>");
            System.exit(2);
        }
        FakeAwsServer server = start(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-aws-stop"));
        server.writeInfo(Path.of(args[1]));
        System.out.println(
                "Fake AWS at " + server.aws().endpoint() + ", issuer " + args[0] + ", role " + server.roleArn());
        // The HTTP server's threads are daemons: without this the JVM would exit right away.
        new CountDownLatch(1).await();
    }
}
