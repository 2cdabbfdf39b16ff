package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rotation against a controllable clock, observed the way AWS observes it: through the JWKS fetched over HTTP. The
 * verifier's own clock is set apart from the issuer's, so that "key no longer published" is tested on its own and not
 * mixed up with "token expired".
 */
class KeyRotationTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration RETENTION = Duration.ofMinutes(65); // max lifetime 1 h + default skew 5 min

    private final TestClock clock = new TestClock(START);
    private final List<KeyRingState> saved = new ArrayList<>();
    private IssuerHttpServer server;
    private OidcIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        server = new IssuerHttpServer();
        issuer = OidcIssuer.create(IssuerSettings.defaults(server.issuerUrl()), null, clock, saved::add);
        server.serve(issuer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private MintedToken mint() {
        return issuer.mint(
                TokenRequest.of(BuildIdentity.ofJob("app", 1, null), "deploy").withLifetime(Duration.ofHours(1)));
    }

    private List<String> publishedKids() throws Exception {
        Map<String, Object> jwks =
                JSONObjectUtils.parse(Verifiers.get(server.issuerUrl().jwksUrl()));
        return ((List<?>) jwks.get("keys"))
                .stream().map(key -> (String) ((Map<?, ?>) key).get("kid")).toList();
    }

    @Test
    void firstUseCreatesAKeyAndHandsItToPersistence() {
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).keys()).hasSize(1);
        assertThat(saved.get(0).current().algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(saved.get(0).current().createdAt()).isEqualTo(START);
    }

    @Test
    void tokenSignedBeforeRotationVerifiesUntilItsKeyIsRetiredAndNotAfter() throws Exception {
        clock.set(START.plus(Duration.ofDays(30)).minusSeconds(1));
        MintedToken old = mint();
        String oldKid = old.keyId();
        String nextKid = issuer.exportState().next().kid();

        clock.set(START.plus(Duration.ofDays(30))); // rotation is due
        MintedToken fresh = mint();
        Instant rotatedAt = clock.instant();

        assertThat(fresh.keyId()).isEqualTo(nextKid).isNotEqualTo(oldKid);
        assertThat(publishedKids()).containsExactly(fresh.keyId(), oldKid);
        assertThat(saved).hasSize(3); // created, next key published, rotated
        assertThat(saved.get(2).keys().get(1).retiredAt()).isEqualTo(rotatedAt);
        assertThat(saved.get(2).current().createdAt()).isEqualTo(rotatedAt);
        assertThat(saved.get(2).next()).isNull();

        // Until the old key drops out, its last token verifies up to the end of its life (plus skew).
        clock.set(rotatedAt.plus(RETENTION).minusSeconds(1));
        assertThat(publishedKids()).contains(oldKid);
        Instant lastValidMoment = old.expiresAt().minusSeconds(1);
        assertThat(Verifiers.nimbus(old.token(), server.issuerUrl(), "sts.amazonaws.com", lastValidMoment)
                        .getSubject())
                .isEqualTo("job:app:stage:deploy");
        assertThat(Verifiers.jose4j(old.token(), server.issuerUrl(), "sts.amazonaws.com", lastValidMoment))
                .isNotNull();

        // Once every token of the old key has expired, the key is gone and its tokens no longer verify at all.
        clock.set(rotatedAt.plus(RETENTION));
        assertThat(publishedKids()).containsExactly(fresh.keyId());
        assertThat(saved).hasSize(4);
        assertThatThrownBy(() -> Verifiers.nimbus(old.token(), server.issuerUrl(), "sts.amazonaws.com", old.issuedAt()))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("no matching key");
        assertThatThrownBy(() -> Verifiers.jose4j(old.token(), server.issuerUrl(), "sts.amazonaws.com", old.issuedAt()))
                .isInstanceOf(InvalidJwtException.class);
        assertThat(Verifiers.nimbus(fresh.token(), server.issuerUrl(), "sts.amazonaws.com", fresh.issuedAt()))
                .isNotNull();
    }

    @Test
    void nextKeyIsPublishedADayAheadButSignsOnlyAfterTheRotation() throws Exception {
        String kid = mint().keyId();
        Instant prepublication = START.plus(Duration.ofDays(29));

        clock.set(prepublication.minusSeconds(1));
        assertThat(issuer.maintain()).isFalse();
        assertThat(publishedKids()).containsExactly(kid);
        assertThat(saved).hasSize(1);

        clock.set(prepublication);
        assertThat(mint().keyId()).isEqualTo(kid);
        KeyRingState state = issuer.exportState();
        assertThat(state.next()).isNotNull();
        assertThat(state.next().createdAt()).isEqualTo(prepublication);
        assertThat(publishedKids()).containsExactly(kid, state.next().kid());
        assertThat(saved).last().isEqualTo(state);

        clock.set(START.plus(Duration.ofDays(30)).minusSeconds(1));
        assertThat(issuer.maintain()).isFalse();
        assertThat(mint().keyId()).isEqualTo(kid);
    }

    @Test
    void nextKeySurvivesARestartAndTakesOver() {
        clock.set(START.plus(Duration.ofDays(29)).plusSeconds(5));
        issuer.maintain();
        KeyRingState persisted = KeyRingState.parse(issuer.exportState().toText());
        String nextKid = persisted.next().kid();

        clock.set(START.plus(Duration.ofDays(31))); // the controller was down when the rotation was due
        OidcIssuer restarted = OidcIssuer.create(issuer.settings(), persisted, clock, saved::add);

        assertThat(restarted.exportState().current().kid()).isEqualTo(nextKid);
        assertThat(restarted.exportState().current().createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void rotateNowUsesTheNextKeyIfOneIsPublished() {
        clock.set(START.plus(Duration.ofDays(29)));
        String nextKid =
                issuer.documents() != null ? issuer.exportState().next().kid() : null;

        assertThat(issuer.rotateNow().current().kid()).isEqualTo(nextKid);
        assertThat(issuer.exportState().next()).isNull();
    }

    @Test
    void rotateNowRetiresTheCurrentKeyAtOnce() throws Exception {
        String before = mint().keyId();
        clock.advance(Duration.ofMinutes(10));

        KeyRingState state = issuer.rotateNow();

        assertThat(state.current().kid()).isNotEqualTo(before);
        assertThat(state.keys().get(1).kid()).isEqualTo(before);
        assertThat(state.keys().get(1).retiredAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(mint().keyId()).isEqualTo(state.current().kid());
        assertThat(publishedKids()).containsExactly(state.current().kid(), before);
        assertThat(saved).last().isEqualTo(state);
    }

    @Test
    void automaticRotationCanBeTurnedOff() {
        OidcIssuer pinned = issuer.withSettings(issuer.settings().withRotationInterval(null));
        String kid = pinned.exportState().current().kid();
        clock.advance(Duration.ofDays(400));

        assertThat(pinned.maintain()).isFalse();
        assertThat(pinned.mint(TokenRequest.of(BuildIdentity.ofJob("app", 1, null), "deploy"))
                        .keyId())
                .isEqualTo(kid);
    }

    @Test
    void changingTheAlgorithmRotatesAndPublishesBothAlgorithmsUntilTheOldKeyExpires() throws Exception {
        String rsaKid = mint().keyId();
        clock.advance(Duration.ofMinutes(1));

        issuer = issuer.withSettings(issuer.settings().withAlgorithm(SigningAlgorithm.ES256));
        server.serve(issuer);

        KeyRingState state = issuer.exportState();
        assertThat(state.current().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(state.keys().get(1).kid()).isEqualTo(rsaKid);
        String discovery = Verifiers.get(server.issuerUrl().discoveryUrl());
        assertThat(JSONObjectUtils.parse(discovery).get("id_token_signing_alg_values_supported"))
                .isEqualTo(List.of("RS256", "ES256"));

        clock.advance(RETENTION);
        assertThat(JSONObjectUtils.parse(Verifiers.get(server.issuerUrl().discoveryUrl()))
                        .get("id_token_signing_alg_values_supported"))
                .isEqualTo(List.of("ES256"));
    }

    @Test
    void stateSurvivesARestartUnchanged() {
        MintedToken before = mint();
        KeyRingState persisted = KeyRingState.parse(saved.get(saved.size() - 1).toText());
        List<KeyRingState> savedAfterRestart = new ArrayList<>();

        OidcIssuer restarted = OidcIssuer.create(issuer.settings(), persisted, clock, savedAfterRestart::add);

        assertThat(savedAfterRestart)
                .as("loading unchanged keys writes nothing")
                .isEmpty();
        assertThat(restarted
                        .mint(TokenRequest.of(BuildIdentity.ofJob("app", 2, null), "deploy"))
                        .keyId())
                .isEqualTo(before.keyId());
        assertThat(restarted.documents().jwksJson())
                .isEqualTo(issuer.documents().jwksJson());
        assertThat(restarted.documents().discoveryJson())
                .isEqualTo(issuer.documents().discoveryJson());
        assertThat(restarted.documents().etag()).isEqualTo(issuer.documents().etag());
    }

    @Test
    void importedKeyBecomesCurrentAndMustMatchTheConfiguredAlgorithm() {
        String previous = issuer.exportState().current().kid();
        String rsaText =
                PrivateKeys.export(SigningAlgorithm.RS256.generateKeyPair().getPrivate());
        String ecText =
                PrivateKeys.export(SigningAlgorithm.ES256.generateKeyPair().getPrivate());

        KeyRingState state = issuer.importKey(SigningAlgorithm.RS256, rsaText);

        assertThat(state.current().pkcs8()).isEqualTo(rsaText);
        assertThat(state.keys().get(1).kid()).isEqualTo(previous);
        assertThatThrownBy(() -> issuer.importKey(SigningAlgorithm.ES256, ecText))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The issuer is configured for RS256; select ES256 first, then import the key.");
    }

    @Test
    void jcascPinnedKeyGivesTheSameIssuerKeysOnEveryStart() {
        String pkcs8 =
                PrivateKeys.export(SigningAlgorithm.ES256.generateKeyPair().getPrivate());
        IssuerSettings settings = IssuerSettings.defaults(server.issuerUrl())
                .withAlgorithm(SigningAlgorithm.ES256)
                .withRotationInterval(null);

        OidcIssuer first = OidcIssuer.create(
                settings, KeyRingState.ofImportedKey(SigningAlgorithm.ES256, pkcs8, START), clock, s -> {});
        clock.advance(Duration.ofDays(3));
        OidcIssuer second = OidcIssuer.create(
                settings, KeyRingState.ofImportedKey(SigningAlgorithm.ES256, pkcs8, clock.instant()), clock, s -> {});

        assertThat(second.documents().jwksJson()).isEqualTo(first.documents().jwksJson());
    }

    @Test
    void manualRotationsCannotGrowTheJwksWithoutBound() {
        for (int i = 1; i < OidcIssuer.MAX_PUBLISHED_KEYS; i++) {
            issuer.rotateNow();
        }

        assertThatThrownBy(issuer::rotateNow)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("10 keys are published already; the oldest retired key drops out at"
                        + " 2026-01-01T01:05:00Z, rotate after that.");

        clock.advance(RETENTION);
        assertThat(issuer.rotateNow().keys()).hasSize(2);
    }
}
