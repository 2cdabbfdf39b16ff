package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingStateTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant RETIRED = Instant.parse("2026-01-31T00:00:00Z");

    private static KeyRingState twoKeys() {
        KeyRecord old = SigningKey.generate(SigningAlgorithm.RS256, CREATED)
                .retired(RETIRED)
                .toRecord();
        KeyRecord current = SigningKey.generate(SigningAlgorithm.ES256, RETIRED).toRecord();
        return new KeyRingState(List.of(current, old));
    }

    @Test
    void textRoundTripIsExactAndStable() {
        KeyRingState state = twoKeys();
        String text = state.toText();

        KeyRingState parsed = KeyRingState.parse(text);

        assertThat(parsed).isEqualTo(state);
        assertThat(parsed.toText()).isEqualTo(text);
        assertThat(text)
                .startsWith("{\n  \"version\": 1,\n  \"keys\": [\n    {\n      \"kid\": \"")
                .contains("\"retiredAt\": \"2026-01-31T00:00:00Z\"");
        assertThat(KeyRing.load(parsed).current().kid())
                .isEqualTo(state.current().kid());
    }

    @Test
    void nextKeyRoundTripsAndMustBeNew() {
        KeyRingState base = twoKeys();
        KeyRecord next = SigningKey.generate(SigningAlgorithm.ES256, RETIRED).toRecord();
        KeyRingState withNext = new KeyRingState(base.keys(), next);

        KeyRingState parsed = KeyRingState.parse(withNext.toText());

        assertThat(parsed).isEqualTo(withNext);
        assertThat(parsed.next()).isEqualTo(next);
        assertThat(withNext.toString()).endsWith(" next " + next.kid()).doesNotContain(next.pkcs8());
        assertThat(KeyRing.load(parsed).published())
                .extracting(SigningKey::kid)
                .containsExactly(
                        base.keys().get(0).kid(), next.kid(), base.keys().get(1).kid());
        assertThatThrownBy(() -> new KeyRingState(base.keys(), base.keys().get(0)))
                .hasMessageContaining("must be a new key");
        assertThatThrownBy(() -> new KeyRingState(base.keys(), base.keys().get(1)))
                .hasMessageContaining("must be a new key");
    }

    @Test
    void exactlyOneCurrentKeyListedFirst() {
        KeyRingState state = twoKeys();
        KeyRecord current = state.keys().get(0);
        KeyRecord retired = state.keys().get(1);

        assertThatThrownBy(() -> new KeyRingState(List.of(retired, current)))
                .hasMessageContaining("exactly one current key");
        assertThatThrownBy(() -> new KeyRingState(List.of(retired))).hasMessageContaining("exactly one current key");
        assertThatThrownBy(() -> new KeyRingState(List.of())).hasMessageContaining("at least one key");
        assertThatThrownBy(() -> new KeyRingState(List.of(current, retired, retired)))
                .hasMessageContaining("twice");
    }

    @Test
    void malformedTextIsRejectedWithTheReason() {
        assertThatThrownBy(() -> KeyRingState.parse("{")).hasMessage("The key state is not valid JSON.");
        assertThatThrownBy(() -> KeyRingState.parse("{\"version\":2,\"keys\":[]}"))
                .hasMessage("Unsupported key state version 2, expected 1.");
        assertThatThrownBy(() -> KeyRingState.parse("{\"version\":1}")).hasMessageContaining("no \"keys\" list");
        String noAlg = twoKeys().toText().replaceFirst("\"alg\": \"ES256\",", "");
        assertThatThrownBy(() -> KeyRingState.parse(noAlg)).hasMessageContaining("\"alg\"");
        String badDate = twoKeys().toText().replace("2026-01-31T00:00:00Z", "31/01/2026");
        assertThatThrownBy(() -> KeyRingState.parse(badDate)).hasMessageContaining("ISO-8601");
        String badAlg = twoKeys().toText().replace("\"ES256\"", "\"HS256\"");
        assertThatThrownBy(() -> KeyRingState.parse(badAlg)).hasMessageContaining("Unsupported signing algorithm");
    }

    @Test
    void singleImportedKeyState() {
        String pkcs8 =
                PrivateKeys.export(SigningAlgorithm.RS256.generateKeyPair().getPrivate());

        KeyRingState state = KeyRingState.ofImportedKey(SigningAlgorithm.RS256, pkcs8, CREATED);

        assertThat(state.keys()).hasSize(1);
        assertThat(state.current().pkcs8()).isEqualTo(pkcs8);
        assertThat(state.current().createdAt()).isEqualTo(CREATED);
        assertThat(state.current().isCurrent()).isTrue();
    }
}
