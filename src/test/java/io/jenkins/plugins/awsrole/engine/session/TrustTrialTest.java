package io.jenkins.plugins.awsrole.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.oidc.TokenFacts;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a trust trial tells its listener (the audit trail), against the local AWS server with the plugin's own issuer
 * served over HTTP: the facts of each token it signs before STS sees it, and AWS's answer; never the token.
 */
class TrustTrialTest {

    private static final BuildIdentity OUTSIDER = BuildIdentity.ofJob("team/app/feature-x", 3, null);

    private RealIssuerWorld world;
    private TrustTrial trial;
    private final TrialRecorder heard = new TrialRecorder();

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(11);
        trial = new TrustTrial(world.issuer, world.sts, "us-east-1", world.aws.endpoint());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void theListenerHearsTheTokenFactsThenTheSessionAwsIssued() throws Exception {
        TrustMapping mapping = mapping("job:team/app/*:stage:deploy");

        TrustTrial.Answer answer = trial.ask(mapping, OUTSIDER, "probe", heard);

        assertThat(heard.calls).containsExactly("token", "answer");
        TrialRecorder.Token token = heard.tokens.get(0);
        TokenFacts facts = token.facts();
        assertThat(token.mapping()).isSameAs(mapping);
        assertThat(token.sessionName()).isEqualTo(SessionNames.forBlock("team/app/feature-x", 3, "probe"));
        assertThat(facts.subject()).isEqualTo("job:team/app/feature-x:stage:deploy");
        assertThat(facts.audience()).isEqualTo(RealIssuerWorld.AUDIENCE);
        assertThat(facts.jwtId()).isNotBlank();
        assertThat(facts.expiresAt()).isAfter(facts.issuedAt());
        assertThat(new String(world.issuer.documents().jwksJson(), StandardCharsets.UTF_8))
                .contains("\"kid\": \"" + facts.keyId() + "\"");

        IssuedSession issued = world.aws.sessions().get(0);
        assertThat(heard.answers).containsExactly(answer);
        assertThat(answer.accepted()).isTrue();
        assertThat(answer.sessionName()).isEqualTo(issued.sessionName()).isEqualTo(token.sessionName());
        assertThat(answer.sessionArn()).isEqualTo(issued.assumedRoleArn());
        assertThat(answer.expiration()).isEqualTo(issued.expiration());
        assertThat(answer.toString())
                .doesNotContain(issued.accessKeyId())
                .doesNotContain(issued.secretAccessKey())
                .doesNotContain(issued.sessionToken());
    }

    @Test
    void theListenerIsGivenTheTokenFactsAndNeverTheToken() throws Exception {
        trial.ask(mapping("job:team/app/*:stage:deploy"), OUTSIDER, "probe", heard);

        // By construction: the facts have no place for the token ...
        assertThat(Arrays.stream(TokenFacts.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("subject", "audience", "keyId", "jwtId", "issuedAt", "expiresAt");
        // ... and nothing the listener was given holds a compact JWS.
        assertThat(heard.tokens.get(0).toString()
                        + heard.answers.get(0)
                        + heard.tokens.get(0).facts().describe())
                .doesNotContainPattern(TrialRecorder.COMPACT_JWS);
    }

    @Test
    void aRefusalIsHeardAsTheAnswerWithoutASession() throws Exception {
        TrustTrial.Answer answer = trial.ask(mapping("job:team/app/main:stage:deploy"), OUTSIDER, "probe", heard);

        assertThat(heard.calls).containsExactly("token", "answer");
        assertThat(heard.tokens.get(0).facts().subject()).isEqualTo("job:team/app/feature-x:stage:deploy");
        assertThat(answer.accessDenied()).isTrue();
        assertThat(answer.sessionName()).isEqualTo(SessionNames.forBlock("team/app/feature-x", 3, "probe"));
        assertThat(answer.sessionArn()).isNull();
        assertThat(answer.expiration()).isNull();
        assertThat(world.aws.sessions()).isEmpty();
    }

    @Test
    void eachTrialTokenIsHeardWithItsOwnJti() throws Exception {
        TrustMapping mapping = mapping("job:team/app/main:stage:deploy");

        trial.ask(mapping, OUTSIDER, "probe", heard);
        trial.ask(mapping, OUTSIDER, "probe", heard);

        assertThat(heard.tokens).hasSize(2);
        assertThat(heard.tokens.get(0).facts().jwtId())
                .isNotEqualTo(heard.tokens.get(1).facts().jwtId());
    }

    @Test
    void aTokenThatCannotBeMintedIsNotHeardOf() {
        // A sub longer than 255 characters cannot be signed.
        BuildIdentity tooLong = BuildIdentity.ofJob("team/" + "x".repeat(300), 3, null);

        IllegalArgumentException failed = catchThrowableOfType(
                IllegalArgumentException.class,
                () -> trial.ask(mapping("job:team/app/main:stage:deploy"), tooLong, "probe", heard));

        assertThat(failed).isNotNull();
        assertThat(heard.calls).isEmpty();
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    /**
     * The "Test" button sends what a build would: with session tags on, a role whose trust policy lacks
     * {@code sts:TagSession} refuses the test as it would refuse the build, and the source identity, session policy and
     * duration go with it.
     */
    @Test
    void askSendsTheBuildsTagsSourceIdentityPolicyAndDuration() throws Exception {
        BuildIdentity main = new BuildIdentity("team/app/main", 3, null, "main", null, false, false);
        String sub = "job:team/app/main:stage:deploy";
        TrustMapping tagged = mapping(sub).toBuilder()
                .sessionTags(true)
                .sourceIdentity(true)
                .staticSessionTags("team=payments")
                .sessionDurationSeconds(1800)
                .sessionPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"s3:GetObject\",\"Resource\":\"*\"}]}")
                .build();

        TrustTrial.Answer refused = trial.ask(tagged, main, "test", heard);

        assertThat(refused.accessDenied())
                .as("the trust policy lacks sts:TagSession")
                .isTrue();
        assertThat(refused.refusal().getMessage()).contains("sts:TagSession");

        world.aws
                .role("deploy")
                .trustPolicy(FakeAws.trustPolicy(
                        world.providerArn, RealIssuerWorld.AUDIENCE, sub, "sts:TagSession", "sts:SetSourceIdentity"));
        TrustTrial.Answer accepted = trial.ask(tagged, main, "test", heard);

        assertThat(accepted.accepted()).isTrue();
        IssuedSession issued = world.aws.sessions().get(0);
        assertThat(issued.principalTags())
                .containsEntry("team", "payments")
                .containsEntry(SessionBroker.TAG_BRANCH, "main")
                .containsEntry(SessionBroker.TAG_JOB, "team/app/main");
        assertThat(issued.sourceIdentity()).isEqualTo(SessionNames.forBuild("team/app/main", 3));
        assertThat(issued.expiration()).isEqualTo(issued.issuedAt().plusSeconds(1800));
    }

    /** The probe sends sub and aud only, so that AWS refuses for the identity, never for a missing tag permission. */
    @Test
    void theProbeSendsNoTagsNorSourceIdentity() throws Exception {
        TrustMapping tagged = mapping("job:team/app/*:stage:deploy").toBuilder()
                .sessionTags(true)
                .sourceIdentity(true)
                .build();

        TrustTrial.Answer answer = trial.probe(tagged, OUTSIDER, "probe", heard);

        assertThat(answer.accepted()).isTrue();
        IssuedSession issued = world.aws.sessions().get(0);
        assertThat(issued.principalTags()).isEmpty();
        assertThat(issued.expiration()).isEqualTo(issued.issuedAt().plusSeconds(900));
    }

    private TrustMapping mapping(String trustedSub) {
        String roleArn = world.aws
                .createRole(
                        "deploy", FakeAws.trustPolicy(world.providerArn, RealIssuerWorld.AUDIENCE, trustedSub), 3600)
                .arn();
        return TrustMapping.builder()
                .stage("deploy")
                .roleArn(roleArn)
                .jobs(List.of("team/app/main"))
                .build();
    }
}
