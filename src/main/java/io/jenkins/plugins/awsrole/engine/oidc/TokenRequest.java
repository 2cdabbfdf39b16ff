package io.jenkins.plugins.awsrole.engine.oidc;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one token is for: the build, the stage it asks a role for, and the options of the trust mapping.
 *
 * @param build the build the token identifies
 * @param stage the stage name (trust mapping) the token is for; not blank, no control characters
 * @param audience the {@code aud} claim: a client ID of the AWS OIDC provider, at most 255 characters
 * @param lifetime from {@code iat} to {@code exp}, 60 to 3600 seconds (the token is spent at once)
 * @param subjectTemplate how {@code sub} is made
 * @param sessionTags session tags for the {@code https://aws.amazon.com/tags} claim, or {@code null} for none
 * @param sourceIdentity the {@code https://aws.amazon.com/source_identity} claim, or {@code null} for none
 */
public record TokenRequest(
        BuildIdentity build,
        String stage,
        String audience,
        Duration lifetime,
        SubjectTemplate subjectTemplate,
        SessionTags sessionTags,
        String sourceIdentity) {

    /** The audience STS expects unless the provider was registered with another client ID. */
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(60);
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    public static final int MAX_AUDIENCE_LENGTH = 255;

    private static final Pattern SOURCE_IDENTITY = Pattern.compile("[\\w+=,.@-]{2,64}");

    public TokenRequest {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(subjectTemplate, "subjectTemplate");
        if (stage == null || stage.isBlank() || stage.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A token needs a stage name without control characters.");
        }
        if (audience == null
                || audience.isBlank()
                || audience.length() > MAX_AUDIENCE_LENGTH
                || audience.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The audience must be 1 to " + MAX_AUDIENCE_LENGTH
                    + " characters without control characters; the default is " + DEFAULT_AUDIENCE + ".");
        }
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException(
                    "The token lifetime must be 60 to 3600 seconds, got " + lifetime.toSeconds() + ".");
        }
        if (lifetime.toNanosPart() != 0) {
            throw new IllegalArgumentException("The token lifetime must be whole seconds, got " + lifetime + ".");
        }
        if (sourceIdentity != null) {
            checkSourceIdentity(sourceIdentity);
        }
    }

    /** A request with the defaults: audience {@value #DEFAULT_AUDIENCE}, 5 minutes, the default {@code sub}. */
    public static TokenRequest of(BuildIdentity build, String stage) {
        return new TokenRequest(build, stage, DEFAULT_AUDIENCE, DEFAULT_LIFETIME, SubjectTemplate.DEFAULT, null, null);
    }

    public TokenRequest withAudience(String newAudience) {
        return new TokenRequest(build, stage, newAudience, lifetime, subjectTemplate, sessionTags, sourceIdentity);
    }

    public TokenRequest withLifetime(Duration newLifetime) {
        return new TokenRequest(build, stage, audience, newLifetime, subjectTemplate, sessionTags, sourceIdentity);
    }

    public TokenRequest withSubjectTemplate(SubjectTemplate newTemplate) {
        return new TokenRequest(build, stage, audience, lifetime, newTemplate, sessionTags, sourceIdentity);
    }

    public TokenRequest withSessionTags(SessionTags newTags) {
        return new TokenRequest(build, stage, audience, lifetime, subjectTemplate, newTags, sourceIdentity);
    }

    public TokenRequest withSourceIdentity(String newSourceIdentity) {
        return new TokenRequest(build, stage, audience, lifetime, subjectTemplate, sessionTags, newSourceIdentity);
    }

    private static void checkSourceIdentity(String value) {
        // AWS reserves the prefix; checked first because the charset check below would give a less helpful message.
        if (value.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new IllegalArgumentException("The source identity must not start with 'aws:'.");
        }
        if (!SOURCE_IDENTITY.matcher(value).matches()) {
            throw new IllegalArgumentException("The source identity '" + value + "' must be 2 to 64 characters of"
                    + " letters, digits and _ + = , . @ -.");
        }
    }
}
