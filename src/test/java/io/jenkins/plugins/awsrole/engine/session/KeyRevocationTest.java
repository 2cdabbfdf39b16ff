package io.jenkins.plugins.awsrole.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.RevokedKeys;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Revoke signing key now" seen from AWS: the local STS caches the issuer's JWKS and fetches it again only for a
 * {@code kid} it does not know, as STS does. A token the revoked key signed before the revocation (one still on its way
 * to STS) verifies while STS's cached set still has the key, and is refused once STS has fetched the JWKS again.
 */
class KeyRevocationTest {

    private static final String SUB = "job:team/app:stage:deploy";

    private RealIssuerWorld world;
    private FakeRole role;

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(13);
        role = world.aws.createRole(
                "deploy", FakeAws.trustPolicy(world.providerArn, RealIssuerWorld.AUDIENCE, SUB), 3600);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private MintedToken mint() {
        return world.issuer.mint(TokenRequest.of(BuildIdentity.ofJob("team/app", 42, null), "deploy"));
    }

    private void exchange(MintedToken token, String block) throws InterruptedException {
        world.sts.exchange(ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName("team.app@42-" + block)
                .webIdentityToken(token.token())
                .region("us-east-1")
                .endpoint(world.aws.endpoint())
                .build());
    }

    @Test
    void aTokenOfARevokedKeyIsRefusedOnceStsFetchesTheJwksAgain() throws Exception {
        exchange(mint(), "1"); // STS now caches a JWKS with the key
        String retiredKid = world.issuer.rotateNow().current().kid();
        exchange(mint(), "2");
        MintedToken inFlight = mint();
        String compromisedKid = inFlight.keyId();

        RevokedKeys revoked = world.issuer.revokeNow();

        assertThat(revoked.removed()).startsWith(compromisedKid).contains(retiredKid);
        assertThat(revoked.current()).isNotIn(revoked.removed());
        String jwks = new String(world.issuer.documents().jwksJson(), StandardCharsets.UTF_8);
        assertThat(jwks)
                .doesNotContain(compromisedKid)
                .doesNotContain(retiredKid)
                .contains(revoked.current());
        MintedToken fresh = mint();
        assertThat(fresh.keyId()).isEqualTo(revoked.current());
        exchange(fresh, "3"); // a kid STS does not know: it fetches the JWKS again
        StsExchangeException refused = catchThrowableOfType(StsExchangeException.class, () -> exchange(inFlight, "4"));

        assertThat(refused).as("a token of the revoked key").isNotNull();
        assertThat(refused.code()).isEqualTo("InvalidIdentityToken");
        assertThat(world.aws.sessions()).hasSize(3);
    }
}
