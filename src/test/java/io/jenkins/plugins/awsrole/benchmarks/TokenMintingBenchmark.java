package io.jenkins.plugins.awsrole.benchmarks;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.SessionTags;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How many identity tokens one thread can mint per second: claims, {@code sub} template, session tags, signature and
 * serialization, i.e. everything {@link OidcIssuer#mint} does for a real build.
 *
 * <p>Run: {@code ./mvnw -P jmh-benchmark test -Djmh.args='TokenMinting -f 1 -wi 2 -i 3 -t 1'} (see {@link BenchmarkRunner})
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenMintingBenchmark {

    @Param({"RS256", "ES256"})
    public String algorithm;

    private OidcIssuer issuer;
    private TokenRequest request;

    @Setup
    public void setUp() {
        IssuerSettings settings = IssuerSettings.defaults(IssuerUrl.parse("https://ci.example.com/aws-oidc-role"))
                .withAlgorithm(SigningAlgorithm.valueOf(algorithm));
        issuer = OidcIssuer.create(settings, null, Clock.systemUTC(), state -> {});
        BuildIdentity build = new BuildIdentity(
                "team/app/main",
                1234,
                "https://ci.example.com/job/team/job/app/job/main/1234/",
                "main",
                null,
                false,
                false);
        request = TokenRequest.of(build, "deploy")
                .withSessionTags(SessionTags.of(Map.of("Project", "app", "Stage", "deploy")))
                .withSourceIdentity("team.app.main@1234");
    }

    @Benchmark
    public MintedToken mint() {
        return issuer.mint(request);
    }
}
