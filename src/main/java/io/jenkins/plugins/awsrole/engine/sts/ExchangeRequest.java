package io.jenkins.plugins.awsrole.engine.sts;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code AssumeRoleWithWebIdentity} call to make: which role, under which session name, with which token, where.
 *
 * <p>The web identity token is a bearer credential until it expires, so it is kept out of {@link #toString()} and out
 * of every message built from this value. Build one with {@link #builder()}.
 */
public final class ExchangeRequest {

    /** The shortest session STS grants. */
    public static final int MIN_DURATION_SECONDS = 900;

    /** The longest session STS grants (and only when the role's maximum allows it). */
    public static final int MAX_DURATION_SECONDS = 43200;

    /** STS's default when no duration is asked for. */
    public static final int DEFAULT_DURATION_SECONDS = 3600;

    /** STS accepts at most this many managed session policy ARNs. */
    public static final int MAX_POLICY_ARNS = 10;

    private final String roleArn;
    private final String sessionName;
    private final String webIdentityToken;
    private final String region;
    private final URI endpoint;
    private final String sessionPolicy;
    private final List<String> policyArns;
    private final int durationSeconds;

    private ExchangeRequest(Builder b) {
        this.roleArn = b.roleArn;
        this.sessionName = b.sessionName;
        this.webIdentityToken = b.webIdentityToken;
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.sessionPolicy = b.sessionPolicy;
        this.policyArns = List.copyOf(b.policyArns);
        this.durationSeconds = b.durationSeconds;
    }

    /** A builder; role ARN, session name, token and region are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The ARN of the role to assume. */
    public String roleArn() {
        return roleArn;
    }

    /** The role session name (see {@link SessionNames}). */
    public String sessionName() {
        return sessionName;
    }

    /** The signed OIDC token. A secret: never log it. */
    public String webIdentityToken() {
        return webIdentityToken;
    }

    /** The AWS region whose STS endpoint is called (also the signing region when an endpoint is overridden). */
    public String region() {
        return region;
    }

    /** An STS endpoint to call instead of the region's default one (VPC endpoint, FIPS, a test server). */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** An inline session policy (JSON) that narrows the role's permissions for this session. */
    public Optional<String> sessionPolicy() {
        return Optional.ofNullable(sessionPolicy);
    }

    /** Managed policies that narrow the role's permissions for this session. */
    public List<String> policyArns() {
        return policyArns;
    }

    /** How long the session lasts. */
    public int durationSeconds() {
        return durationSeconds;
    }

    @Override
    public String toString() {
        return "ExchangeRequest{roleArn=" + roleArn + ", sessionName=" + sessionName + ", region=" + region
                + ", endpoint=" + endpoint + ", durationSeconds=" + durationSeconds + ", sessionPolicy="
                + (sessionPolicy == null ? "none" : sessionPolicy.length() + " characters") + ", policyArns="
                + policyArns + ", webIdentityToken=****}";
    }

    /** Collects the parts of an {@link ExchangeRequest}; {@link #build()} says what is missing or wrong. */
    public static final class Builder {
        private String roleArn;
        private String sessionName;
        private String webIdentityToken;
        private String region;
        private URI endpoint;
        private String sessionPolicy;
        private final List<String> policyArns = new ArrayList<>();
        private int durationSeconds = DEFAULT_DURATION_SECONDS;

        private Builder() {}

        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        public Builder sessionName(String sessionName) {
            this.sessionName = sessionName;
            return this;
        }

        public Builder webIdentityToken(String webIdentityToken) {
            this.webIdentityToken = webIdentityToken;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Optional; {@code null} means the region's public STS endpoint. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Optional; {@code null} or blank means none. */
        public Builder sessionPolicy(String sessionPolicy) {
            this.sessionPolicy = sessionPolicy == null || sessionPolicy.isBlank() ? null : sessionPolicy;
            return this;
        }

        public Builder policyArns(List<String> policyArns) {
            this.policyArns.clear();
            this.policyArns.addAll(Objects.requireNonNullElse(policyArns, List.of()));
            return this;
        }

        public Builder durationSeconds(int durationSeconds) {
            this.durationSeconds = durationSeconds;
            return this;
        }

        /**
         * The request.
         *
         * @throws IllegalArgumentException naming every missing or invalid part and how to fix it
         */
        public ExchangeRequest build() {
            List<String> problems = new ArrayList<>();
            if (roleArn == null || !roleArn.startsWith("arn:") || !roleArn.contains(":role/")) {
                problems.add("the role ARN must look like arn:aws:iam::123456789012:role/name, got '" + roleArn + "'");
            }
            if (sessionName == null || !SessionNames.VALID.matcher(sessionName).matches()) {
                problems.add(
                        "the session name must be 2-64 characters of [A-Za-z0-9_+=,.@-], got '" + sessionName + "'");
            }
            if (webIdentityToken == null || webIdentityToken.length() < 4) {
                problems.add("a web identity token is needed");
            }
            if (region == null || region.isBlank()) {
                problems.add("a region is needed (for example us-east-1)");
            }
            if (durationSeconds < MIN_DURATION_SECONDS || durationSeconds > MAX_DURATION_SECONDS) {
                problems.add("the session duration must be between " + MIN_DURATION_SECONDS + " and "
                        + MAX_DURATION_SECONDS + " seconds, got " + durationSeconds);
            }
            if (policyArns.size() > MAX_POLICY_ARNS) {
                problems.add(
                        "at most " + MAX_POLICY_ARNS + " managed policy ARNs are allowed, got " + policyArns.size());
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Cannot call STS: " + String.join("; ", problems) + ".");
            }
            return new ExchangeRequest(this);
        }
    }
}
