package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.SessionTags;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectEncoding;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.sts.ChainRequest;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.trust.AccessDecision;
import io.jenkins.plugins.awsrole.engine.trust.AwsPartition;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import io.jenkins.plugins.awsrole.engine.trust.SessionTagRules;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappingValidator;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gets a block the credentials of its stage's role: the access decision first (a refused build never reaches AWS),
 * then an identity token for this build and stage, then STS {@code AssumeRoleWithWebIdentity}; where the mapping names a
 * chained role, that session then assumes it with STS {@code AssumeRole} and the block gets the second session.
 *
 * <p>A block may narrow its mapping, never widen it: a shorter session than the mapping's, and a region only where the
 * mapping names none (or the same one). The region is the block's, else the mapping's, else the controller default. Thread-safe; one broker serves every block of the controller.
 */
public final class SessionBroker {

    /** The session tags the token carries when a mapping turns them on ({@link SessionTagRules}). */
    public static final String TAG_JOB = SessionTagRules.JOB;

    public static final String TAG_BUILD = SessionTagRules.BUILD;
    public static final String TAG_STAGE = SessionTagRules.STAGE;
    public static final String TAG_BRANCH = SessionTagRules.BRANCH;
    public static final String TAG_TAG = SessionTagRules.TAG;

    /** Told of every token the broker signs, before it goes to STS: the audit trail's "token issued". */
    @FunctionalInterface
    public interface TokenListener {
        /**
         * @param sessionName the session the token is for
         * @param token the facts of the token; its {@code toString()} leaves the token itself out, and so must the
         *     listener
         */
        void tokenIssued(SessionRequest request, TrustMapping mapping, String sessionName, MintedToken token);
    }

    private final TrustMappings mappings;
    private final OidcIssuer issuer;
    private final StsExchange sts;
    private final BrokerSettings settings;
    private final TokenListener tokenListener;

    public SessionBroker(TrustMappings mappings, OidcIssuer issuer, StsExchange sts, BrokerSettings settings) {
        this(mappings, issuer, sts, settings, (request, mapping, sessionName, token) -> {});
    }

    public SessionBroker(
            TrustMappings mappings,
            OidcIssuer issuer,
            StsExchange sts,
            BrokerSettings settings,
            TokenListener tokenListener) {
        this.mappings = mappings;
        this.issuer = issuer;
        this.sts = sts;
        this.settings = settings;
        this.tokenListener = tokenListener;
    }

    /**
     * Obtains the session.
     *
     * @throws SessionRefusedException when the mappings refuse the build or the block asks for more than allowed
     * @throws io.jenkins.plugins.awsrole.engine.sts.StsExchangeException when AWS refuses or cannot be reached; the
     *     message says what to fix
     * @throws InterruptedException when the thread is interrupted while waiting to retry
     */
    public GrantedSession obtain(SessionRequest request) throws InterruptedException {
        AccessDecision decision = mappings.decide(request.stage(), request.build());
        if (!decision.isAllowed()) {
            throw new SessionRefusedException(
                    decision.message(), decision.reason().orElse(null));
        }
        TrustMapping mapping = decision.mapping();
        String region = effectiveRegion(request, mapping);
        int duration = effectiveDuration(request, mapping);
        TokenRequest asked = tokenRequest(mapping, request.build(), settings);
        MintedToken token = issuer.mint(asked);
        String sessionName = SessionNames.forBlock(
                request.build().jobFullName(), request.build().buildNumber(), request.blockId());
        tokenListener.tokenIssued(request, mapping, sessionName, token);
        ExchangeRequest.Builder exchange = exchange(mapping, sessionName, token, region, duration, settings);
        if (mapping.chained()) {
            // The first session only assumes the chained role: the mapping's policies narrow the session the block
            // gets, and a first session narrowed by them might not be allowed sts:AssumeRole.
            RoleSession first = sts.exchange(
                    exchange.policyArns(List.of()).sessionPolicy(null).build());
            RoleSession chained =
                    sts.chain(first, chainRequest(mapping, sessionName, region, duration, asked.sourceIdentity()));
            return new GrantedSession(chained, mapping, region, first);
        }
        RoleSession session = sts.exchange(exchange.build());
        return new GrantedSession(session, mapping, region);
    }

    /**
     * The token a build of this mapping gets: the configured {@code sub} template, the mapping's audience, the
     * controller's token lifetime, and the session tags and source identity the mapping turns on. The mapping's
     * "Test" button signs the same ({@link TrustTrial}), so that it cannot pass where a build fails.
     *
     * @throws IllegalArgumentException when a tag value does not fit (the message says which)
     */
    static TokenRequest tokenRequest(TrustMapping mapping, BuildIdentity build, BrokerSettings settings) {
        TokenRequest token = TokenRequest.of(build, mapping.stage())
                .withSubjectTemplate(settings.subjectTemplate())
                .withAudience(mapping.audience())
                .withLifetime(settings.tokenLifetime());
        if (mapping.sessionTags()) {
            Map<String, String> tags = sessionTags(mapping.stage(), build);
            tags.putAll(mapping.staticTags());
            // jenkins-branch and jenkins-tag are in some tokens only: transitive where present.
            List<String> transitive = mapping.transitiveTagKeys().stream()
                    .filter(tags::containsKey)
                    .toList();
            token = token.withSessionTags(new SessionTags(tags, transitive));
        }
        if (mapping.sourceIdentity()) {
            token = token.withSourceIdentity(SessionNames.forBuild(build.jobFullName(), build.buildNumber()));
        }
        return token;
    }

    /** The STS call a build of this mapping makes, with the session and managed policies that narrow it. */
    static ExchangeRequest.Builder exchange(
            TrustMapping mapping,
            String sessionName,
            MintedToken token,
            String region,
            int durationSeconds,
            BrokerSettings settings) {
        ExchangeRequest.Builder exchange = ExchangeRequest.builder()
                .roleArn(mapping.roleArn())
                .sessionName(sessionName)
                .webIdentityToken(token.token())
                .region(region == null ? BrokerSettings.FALLBACK_STS_REGION : region)
                .policyArns(mapping.managedPolicyArns())
                .durationSeconds(durationSeconds);
        if (mapping.sessionPolicy() != null) {
            exchange.sessionPolicy(mapping.packedSessionPolicy());
        }
        if (settings.stsEndpoint() != null) {
            exchange.endpoint(settings.stsEndpoint());
        }
        return exchange;
    }

    /**
     * The chained {@code AssumeRole}: the same session name, so that CloudTrail shows one name through the chain, and
     * the token's source identity, which AWS requires to stay the same along a chain.
     */
    private ChainRequest chainRequest(
            TrustMapping mapping, String sessionName, String region, int duration, String sourceIdentity) {
        return new ChainRequest(
                mapping.chainedRoleArn(),
                mapping.roleArn(),
                sessionName,
                sourceIdentity,
                duration,
                mapping.sessionPolicy() == null ? null : mapping.packedSessionPolicy(),
                mapping.managedPolicyArns(),
                region == null ? BrokerSettings.FALLBACK_STS_REGION : region,
                settings.stsEndpoint());
    }

    /** What a role's policies can test with {@code aws:PrincipalTag/...}: job, build, stage, and branch or tag. */
    static Map<String, String> sessionTags(String stage, BuildIdentity build) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_JOB, tagValue(TAG_JOB, stage, build.jobFullName()));
        tags.put(TAG_BUILD, Long.toString(build.buildNumber()));
        tags.put(TAG_STAGE, tagValue(TAG_STAGE, stage, stage));
        if (build.branch() != null) {
            tags.put(TAG_BRANCH, tagValue(TAG_BRANCH, stage, build.branch()));
        }
        if (build.tag() != null) {
            tags.put(TAG_TAG, tagValue(TAG_TAG, stage, build.tag()));
        }
        return tags;
    }

    /**
     * Job, branch and tag names are free text; a tag value takes a narrower alphabet and 256 characters. The value is
     * written the way {@code sub} writes it ({@link SubjectEncoding}), whose output is within the tag alphabet, so that
     * two names never share a tag value; one that no longer fits is refused, never cut.
     */
    private static String tagValue(String key, String stage, String text) {
        String encoded = SubjectEncoding.encode(text);
        if (encoded.length() > SessionTags.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("The session tag " + key + " of stage '" + stage + "' would have "
                    + encoded.length() + " characters (the name encoded as in sub); AWS accepts "
                    + SessionTags.MAX_VALUE_LENGTH + " at most, and a shortened value could name another build."
                    + " Shorten the name, or an administrator turns session tags off for stage '" + stage + "'.");
        }
        return encoded;
    }

    private String effectiveRegion(SessionRequest request, TrustMapping mapping) {
        String asked = request.region();
        if (mapping.region() != null) {
            if (asked != null && !asked.equals(mapping.region())) {
                throw new SessionRefusedException(
                        "The block asks for region '" + asked + "', but stage '" + mapping.stage()
                                + "' is limited to region '" + mapping.region()
                                + "'. Remove the region argument, or ask an administrator to change the mapping.",
                        null);
            }
            return mapping.region();
        }
        if (asked == null) {
            return settings.defaultRegion();
        }
        checkAskedRegion(asked, mapping);
        return asked;
    }

    /**
     * A region the block names must be a region name (as the form checks it) in the role's partition: STS of another
     * partition cannot issue the role's credentials, and every distinct name would otherwise cost the controller an
     * STS client.
     */
    private static void checkAskedRegion(String asked, TrustMapping mapping) {
        Validation check = TrustMappingValidator.checkRegion(asked, mapping.roleArn());
        if (check.hasErrors()) {
            throw new SessionRefusedException(
                    "The block's region is not valid: " + check.errors().get(0).message(), null);
        }
        IamArn role = IamArn.parseRole(mapping.roleArn());
        AwsPartition partition = AwsPartition.ofRegion(asked);
        if (partition != role.partition()) {
            throw new SessionRefusedException(
                    "The block asks for region '" + asked + "' of partition '" + partition + "', but stage '"
                            + mapping.stage() + "' maps a role of partition '" + role.partition()
                            + "'. Name a region of partition '" + role.partition()
                            + "', or remove the region argument.",
                    null);
        }
    }

    private static int effectiveDuration(SessionRequest request, TrustMapping mapping) {
        Integer asked = request.durationSeconds();
        int allowed = mapping.sessionDurationSeconds();
        if (asked == null) {
            return allowed;
        }
        if (asked < ExchangeRequest.MIN_DURATION_SECONDS || asked > allowed) {
            throw new SessionRefusedException(
                    "The block asks for a session of " + asked + " seconds; stage '" + mapping.stage() + "' allows "
                            + ExchangeRequest.MIN_DURATION_SECONDS + " to " + allowed
                            + " seconds. Ask for less, or ask an administrator to raise the mapping's session"
                            + " duration.",
                    null);
        }
        return asked;
    }
}
