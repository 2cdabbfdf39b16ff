package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * The plugin's global configuration (Manage Jenkins, System, "AWS OIDC Role"; JCasC {@code unclassified:
 * awsOidcRole:}): how Jenkins acts as an OIDC issuer. The signing keys are stored encrypted and never shown; JCasC can
 * supply them so that an ephemeral controller keeps one issuer key across restarts.
 */
@Extension
@Symbol("awsOidcRole")
public class AwsRoleConfiguration extends GlobalConfiguration {

    /** Default days between automatic key rotations. */
    public static final int DEFAULT_KEY_ROTATION_DAYS = (int) IssuerSettings.DEFAULT_ROTATION_INTERVAL.toDays();

    private static final int DEFAULT_TOKEN_LIFETIME_SECONDS = (int) TokenRequest.DEFAULT_LIFETIME.toSeconds();
    private static final int MIN_TOKEN_LIFETIME_SECONDS = (int) TokenRequest.MIN_LIFETIME.toSeconds();
    private static final int MAX_TOKEN_LIFETIME_SECONDS = (int) TokenRequest.MAX_LIFETIME.toSeconds();
    private static final int MAX_KEY_ROTATION_DAYS = 365;

    private String issuerUrl;
    private SigningAlgorithm signingAlgorithm = SigningAlgorithm.RS256;
    private int tokenLifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;
    private int keyRotationDays = DEFAULT_KEY_ROTATION_DAYS;
    /** The key state as JSON (private keys included), encrypted at rest by {@link Secret}. */
    private Secret signingKeys;

    private final transient IssuerHolder holder =
            new IssuerHolder(this::storedKeys, this::keysChanged, Clock.systemUTC());

    public AwsRoleConfiguration() {
        load();
    }

    public static AwsRoleConfiguration get() {
        return ExtensionList.lookupSingleton(AwsRoleConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.AwsRoleConfiguration_DisplayName();
    }

    /**
     * The issuer, set up from this configuration. Its keys are created on first use and rotated when due.
     *
     * @throws IllegalArgumentException when no issuer URL can be formed (no Jenkins URL configured, or a bad override);
     *     the message says what to set
     */
    public OidcIssuer issuer() {
        return holder.issuer(issuerSettings());
    }

    IssuerSettings issuerSettings() {
        IssuerUrl url =
                issuerUrl == null ? IssuerUrl.underJenkinsRoot(Jenkins.get().getRootUrl()) : IssuerUrl.parse(issuerUrl);
        return IssuerSettings.defaults(url)
                .withAlgorithm(signingAlgorithm)
                .withRotationInterval(keyRotationDays == 0 ? null : Duration.ofDays(keyRotationDays));
    }

    /** The trust mappings, compiled for decisions. */
    public TrustMappings trustMappings() {
        return TrustMappings.of(List.of());
    }

    /** What the session broker needs besides mappings and issuer. */
    public BrokerSettings brokerSettings() {
        return new BrokerSettings(tokenLifetime(), null, null);
    }

    /** The lifetime of the identity tokens this controller signs. */
    public Duration tokenLifetime() {
        return Duration.ofSeconds(tokenLifetimeSeconds);
    }

    @CheckForNull
    public String getIssuerUrl() {
        return issuerUrl;
    }

    /** An issuer URL other than the default {@code ${JENKINS_URL}aws-oidc-role}; empty for the default. */
    @DataBoundSetter
    public void setIssuerUrl(String issuerUrl) {
        String trimmed = issuerUrl == null ? "" : issuerUrl.strip();
        if (!trimmed.isEmpty()) {
            IssuerUrl.parse(trimmed);
        }
        this.issuerUrl = trimmed.isEmpty() ? null : trimmed;
        save();
    }

    public SigningAlgorithm getSigningAlgorithm() {
        return signingAlgorithm;
    }

    /** A new algorithm takes effect with the next rotation, which happens at once. */
    @DataBoundSetter
    public void setSigningAlgorithm(SigningAlgorithm signingAlgorithm) {
        this.signingAlgorithm = signingAlgorithm == null ? SigningAlgorithm.RS256 : signingAlgorithm;
        save();
    }

    public int getTokenLifetimeSeconds() {
        return tokenLifetimeSeconds;
    }

    @DataBoundSetter
    public void setTokenLifetimeSeconds(int tokenLifetimeSeconds) {
        if (tokenLifetimeSeconds < MIN_TOKEN_LIFETIME_SECONDS || tokenLifetimeSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_TokenLifetimeRange(
                    MIN_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, tokenLifetimeSeconds));
        }
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
        save();
    }

    public int getKeyRotationDays() {
        return keyRotationDays;
    }

    /** Days between automatic key rotations; 0 turns automatic rotation off (for keys pinned through JCasC). */
    @DataBoundSetter
    public void setKeyRotationDays(int keyRotationDays) {
        if (keyRotationDays < 0 || keyRotationDays > MAX_KEY_ROTATION_DAYS) {
            throw new IllegalArgumentException(
                    Messages.AwsRoleConfiguration_KeyRotationRange(MAX_KEY_ROTATION_DAYS, keyRotationDays));
        }
        this.keyRotationDays = keyRotationDays;
        save();
    }

    /** The stored keys, encrypted; JCasC exports them only in this form. */
    @CheckForNull
    public Secret getSigningKeys() {
        return signingKeys;
    }

    /**
     * Supplies the signing keys: the key state this controller stores, or one private key (base64 PKCS#8 or PEM), RSA
     * for RS256 or EC P-256 for ES256; the key's type decides, whatever order JCasC sets the attributes in, and becomes
     * the signing algorithm (otherwise the issuer would rotate a supplied EC key away at once while RS256 is still the
     * default). Checked at once, so a bad key fails JCasC with a message rather than the first build.
     */
    @DataBoundSetter
    public void setSigningKeys(Secret signingKeys) {
        String text = Secret.toString(signingKeys);
        if (text.isBlank()) {
            return;
        }
        KeyRingState state = SigningKeysText.parse(text, signingAlgorithm, Instant.now());
        this.signingAlgorithm = state.current().algorithm();
        this.signingKeys = Secret.fromString(state.toText());
        holder.reload();
        save();
    }

    @CheckForNull
    private KeyRingState storedKeys() {
        String text = Secret.toString(signingKeys);
        return text.isEmpty() ? null : KeyRingState.parse(text);
    }

    private void keysChanged(KeyRingState state) {
        signingKeys = Secret.fromString(state.toText());
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // Checked before binding, so that a bad value is reported on its field and nothing is half-applied.
        String url = json.optString("issuerUrl", "").strip();
        if (!url.isEmpty()) {
            try {
                IssuerUrl.parse(url);
            } catch (IllegalArgumentException e) {
                throw new FormException(e.getMessage(), "issuerUrl");
            }
        }
        int lifetime = json.optInt("tokenLifetimeSeconds", tokenLifetimeSeconds);
        if (lifetime < MIN_TOKEN_LIFETIME_SECONDS || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
            throw new FormException(
                    Messages.AwsRoleConfiguration_TokenLifetimeRange(
                            MIN_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, lifetime),
                    "tokenLifetimeSeconds");
        }
        int rotation = json.optInt("keyRotationDays", keyRotationDays);
        if (rotation < 0 || rotation > MAX_KEY_ROTATION_DAYS) {
            throw new FormException(
                    Messages.AwsRoleConfiguration_KeyRotationRange(MAX_KEY_ROTATION_DAYS, rotation), "keyRotationDays");
        }
        // A cleared text field may be absent from the form; reset it so that clearing it takes effect.
        issuerUrl = null;
        return super.configure(req, json);
    }

    @POST
    public FormValidation doCheckIssuerUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = value == null ? "" : value.strip();
        try {
            IssuerUrl parsed =
                    url.isEmpty() ? IssuerUrl.underJenkinsRoot(Jenkins.get().getRootUrl()) : IssuerUrl.parse(url);
            if (!parsed.warnings().isEmpty()) {
                return FormValidation.warning(String.join(" ", parsed.warnings()));
            }
            return url.isEmpty()
                    ? FormValidation.ok(Messages.AwsRoleConfiguration_DefaultIssuer(parsed.value()))
                    : FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckTokenLifetimeSeconds(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value < MIN_TOKEN_LIFETIME_SECONDS || value > MAX_TOKEN_LIFETIME_SECONDS) {
            return FormValidation.error(Messages.AwsRoleConfiguration_TokenLifetimeRange(
                    MIN_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, value));
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckKeyRotationDays(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value < 0 || value > MAX_KEY_ROTATION_DAYS) {
            return FormValidation.error(Messages.AwsRoleConfiguration_KeyRotationRange(MAX_KEY_ROTATION_DAYS, value));
        }
        return value == 0 ? FormValidation.warning(Messages.AwsRoleConfiguration_RotationOff()) : FormValidation.ok();
    }

    /** The "Rotate now" button: a new signing key at once; the old one stays published until its tokens expire. */
    @POST
    public FormValidation doRotateNow() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            KeyRingState state = issuer().rotateNow();
            return FormValidation.ok(
                    Messages.AwsRoleConfiguration_Rotated(state.current().kid()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Downloads one of the issuer documents ({@code openid-configuration} or {@code jwks}), for hosting them at an
     * issuer URL that AWS can reach when it cannot reach Jenkins.
     */
    public HttpResponse doDownload(@QueryParameter String document) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        IssuerDocument wanted = IssuerDocument.DISCOVERY.fileName().equals(document)
                ? IssuerDocument.DISCOVERY
                : IssuerDocument.JWKS.fileName().equals(document) ? IssuerDocument.JWKS : null;
        return new HttpResponse() {
            @Override
            public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
                    throws IOException, ServletException {
                if (wanted == null) {
                    IssuerDocumentResponder.notFound(rsp);
                } else {
                    IssuerDocumentResponder.download(wanted, issuer().documents(), rsp);
                }
            }
        };
    }
}
