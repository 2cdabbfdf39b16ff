package io.jenkins.plugins.awsrole.engine.trustcode;

/** What a {@link TrustProbe} found out. */
public enum ProbeOutcome {
    /** AWS refused the identity (AccessDenied): its trust policy keeps out what the mapping keeps out. */
    PASS,
    /** AWS issued credentials to an identity the mapping keeps out: the trust policy is too wide. */
    FAIL,
    /** The probe could not tell (no such stage, the mapping admits the identity, AWS or the issuer unreachable, ...). */
    ERROR
}
