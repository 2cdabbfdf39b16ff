package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.oidc.TokenFacts;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.sts.ChainRequest;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Sessions the controller itself needs, for the revoker role and the read-only drift-check role: obtained the same
 * keyless way as a build's, with a token whose {@code sub} is {@code jenkins:controller:<purpose>}. No build can get
 * such a token: a build's {@code sub} is made from the configured template, which always starts with a field name such
 * as {@code job:} ({@link SubjectTemplate}), and the roles used here are reserved, so no trust mapping may name them.
 */
public final class ControllerSessions {

    /** The start of every controller subject; a role's trust policy pins the full {@code sub}. */
    public static final String SUBJECT_PREFIX = SubjectTemplate.CONTROLLER_PREFIX;

    /** The session name prefix, so that CloudTrail tells controller sessions from builds' ({@code job@build-block}). */
    public static final String SESSION_NAME_PREFIX = "jenkins-controller-";

    /** The shortest session STS grants; the controller's sessions do one job and end. */
    public static final int DURATION_SECONDS = ExchangeRequest.MIN_DURATION_SECONDS;

    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final String CONTROLLER_JOB = "jenkins-controller";

    /**
     * Hears of every token the controller signs for itself and of what AWS answered, for the audit trail. It is given
     * the token's facts, never the token, and never the credentials.
     */
    public interface Listener {
        /** Signed for {@code purpose}; called before the token goes to STS, so it is heard of even if STS never answers. */
        void tokenIssued(String purpose, String roleArn, String sessionName, TokenFacts token);

        /** AWS issued the session. */
        void obtained(String purpose, String roleArn, RoleSession session);

        /** AWS refused, or could not be asked; {@code failure}'s message says why and what to fix. */
        void refused(String purpose, String roleArn, StsExchangeException failure);

        /** Hears nothing. */
        Listener NONE = new Listener() {
            @Override
            public void tokenIssued(String purpose, String roleArn, String sessionName, TokenFacts token) {}

            @Override
            public void obtained(String purpose, String roleArn, RoleSession session) {}

            @Override
            public void refused(String purpose, String roleArn, StsExchangeException failure) {}
        };
    }

    private final OidcIssuer issuer;
    private final StsExchange sts;
    private final BrokerSettings settings;
    private final Listener listener;

    /** Sessions whose tokens nobody hears of; for tests and tools. */
    public ControllerSessions(OidcIssuer issuer, StsExchange sts, BrokerSettings settings) {
        this(issuer, sts, settings, Listener.NONE);
    }

    /**
     * @param listener hears of each token signed and of AWS's answer (the controller's audit trail)
     */
    public ControllerSessions(OidcIssuer issuer, StsExchange sts, BrokerSettings settings, Listener listener) {
        this.issuer = issuer;
        this.sts = sts;
        this.settings = settings;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The subject of the controller's token for a purpose, as the role's trust policy must pin it. */
    public static String subject(String purpose) {
        checkPurpose(purpose);
        return SUBJECT_PREFIX + purpose;
    }

    /**
     * Assumes a role for the controller.
     *
     * @param roleArn the role, whose trust policy allows {@link #subject(String)} with this audience
     * @param purpose what the session is for, lower case, e.g. {@code revoker} or {@code drift-reader}
     * @param audience the token's {@code aud}, one of the IAM OIDC provider's client ids
     * @throws io.jenkins.plugins.awsrole.engine.sts.StsExchangeException when AWS refuses; the message says what to
     *     fix
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public RoleSession obtain(String roleArn, String purpose, String audience) throws InterruptedException {
        checkPurpose(purpose);
        TokenRequest token = TokenRequest.of(BuildIdentity.ofJob(CONTROLLER_JOB, 0, null), purpose)
                .withAudience(audience)
                .withLifetime(settings.tokenLifetime())
                .withSubjectTemplate(SubjectTemplate.controller(purpose));
        String sessionName = SESSION_NAME_PREFIX + purpose;
        MintedToken minted = issuer.mint(token);
        listener.tokenIssued(purpose, roleArn, sessionName, minted.facts());
        ExchangeRequest.Builder exchange = ExchangeRequest.builder()
                .roleArn(roleArn)
                .sessionName(sessionName)
                .webIdentityToken(minted.token())
                .region(
                        settings.defaultRegion() == null
                                ? BrokerSettings.FALLBACK_STS_REGION
                                : settings.defaultRegion())
                .durationSeconds(DURATION_SECONDS);
        if (settings.stsEndpoint() != null) {
            exchange.endpoint(settings.stsEndpoint());
        }
        RoleSession session;
        try {
            session = sts.exchange(exchange.build());
        } catch (StsExchangeException refused) {
            listener.refused(purpose, roleArn, refused);
            throw refused;
        }
        listener.obtained(purpose, roleArn, session);
        return session;
    }

    /**
     * Assumes a role of another account for the controller by role chaining: the session of {@code roleArn} assumes
     * {@code chainedRoleArn} with STS {@code AssumeRole}, under the same session name. IAM acts only within the
     * account of the session that signs, so a controller role reaches another account's roles this way.
     *
     * @param chainedRoleArn the role to assume in turn; its trust policy must trust {@code roleArn}
     * @throws io.jenkins.plugins.awsrole.engine.sts.StsExchangeException when AWS refuses; the message says what to
     *     fix (for the chained step, the trust policy statement to add)
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public RoleSession obtainChained(String roleArn, String chainedRoleArn, String purpose, String audience)
            throws InterruptedException {
        RoleSession first = obtain(roleArn, purpose, audience);
        ChainRequest chain = new ChainRequest(
                chainedRoleArn,
                roleArn,
                first.sessionName(),
                null,
                DURATION_SECONDS,
                null,
                List.of(),
                settings.defaultRegion() == null ? BrokerSettings.FALLBACK_STS_REGION : settings.defaultRegion(),
                settings.stsEndpoint());
        RoleSession session;
        try {
            session = sts.chain(first, chain);
        } catch (StsExchangeException refused) {
            listener.refused(purpose, chainedRoleArn, refused);
            throw refused;
        }
        listener.obtained(purpose, chainedRoleArn, session);
        return session;
    }

    private static void checkPurpose(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("A controller session's purpose is 1-32 lower-case letters, digits and"
                    + " '-', starting with a letter, like 'revoker'; got '" + purpose + "'.");
        }
    }
}
