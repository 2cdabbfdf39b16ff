package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IssuerHolderTest {

    private static final IssuerSettings SETTINGS =
            IssuerSettings.defaults(IssuerUrl.parse("https://ci.example.com/aws-oidc-role"));

    private final AtomicReference<KeyRingState> stored = new AtomicReference<>();
    private final List<KeyRingState> saved = new ArrayList<>();
    private final IssuerHolder holder = new IssuerHolder(
            stored::get,
            state -> {
                saved.add(state);
                stored.set(state);
            },
            Clock.systemUTC());

    @Test
    void firstUseCreatesAKeyAndPersistsIt() {
        OidcIssuer issuer = holder.issuer(SETTINGS);
        assertThat(saved).isNotEmpty();
        assertThat(stored.get().current().kid())
                .isEqualTo(issuer.exportState().current().kid());
    }

    @Test
    void laterUsesKeepTheSameIssuer() {
        assertThat(holder.issuer(SETTINGS)).isSameAs(holder.issuer(SETTINGS));
    }

    @Test
    void aRestartedHolderLoadsTheStoredKeys() {
        String kid = holder.issuer(SETTINGS).exportState().current().kid();
        IssuerHolder afterRestart = new IssuerHolder(stored::get, stored::set, Clock.systemUTC());
        assertThat(afterRestart.issuer(SETTINGS).exportState().current().kid()).isEqualTo(kid);
    }

    @Test
    void changedSettingsReconfigureWithTheSameKeys() {
        OidcIssuer first = holder.issuer(SETTINGS);
        IssuerSettings moved = IssuerSettings.defaults(IssuerUrl.parse("https://oidc.example.com/jenkins"));
        OidcIssuer second = holder.issuer(moved);
        assertThat(second).isNotSameAs(first);
        assertThat(second.issuerUrl().value()).isEqualTo("https://oidc.example.com/jenkins");
        assertThat(second.exportState().current().kid())
                .isEqualTo(first.exportState().current().kid());
    }

    @Test
    void reloadPicksUpKeysSuppliedFromOutside() {
        holder.issuer(SETTINGS);
        OidcIssuer other =
                OidcIssuer.create(SETTINGS.withAlgorithm(SigningAlgorithm.RS256), null, Clock.systemUTC(), s -> {});
        stored.set(other.exportState());
        holder.reload();
        assertThat(holder.issuer(SETTINGS).exportState().current().kid())
                .isEqualTo(other.exportState().current().kid());
    }
}
