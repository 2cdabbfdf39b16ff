package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An IAM role of the local AWS server: trust policy, maximum session duration and inline policies. */
public final class FakeRole {

    private final String account;
    private final String name;
    private final String roleId;
    private final Instant createDate;
    private volatile String trustPolicy;
    private volatile int maxSessionDurationSeconds;
    private final Map<String, String> inlinePolicies = new LinkedHashMap<>();

    FakeRole(String account, String name, String roleId, Instant createDate, String trustPolicy, int maxSession) {
        this.account = account;
        this.name = name;
        this.roleId = roleId;
        this.createDate = createDate;
        this.trustPolicy = trustPolicy;
        this.maxSessionDurationSeconds = maxSession;
    }

    public String account() {
        return account;
    }

    public String name() {
        return name;
    }

    /** The unique id ({@code AROA...}); {@code aws:userid} of a session is {@code <roleId>:<session name>}. */
    public String roleId() {
        return roleId;
    }

    public String arn() {
        return "arn:aws:iam::" + account + ":role/" + name;
    }

    public Instant createDate() {
        return createDate;
    }

    public String trustPolicy() {
        return trustPolicy;
    }

    /** Replaces the trust policy (what {@code UpdateAssumeRolePolicy} does). */
    public void trustPolicy(String json) {
        Policy.parse(json);
        this.trustPolicy = json;
    }

    public int maxSessionDurationSeconds() {
        return maxSessionDurationSeconds;
    }

    public void maxSessionDurationSeconds(int seconds) {
        this.maxSessionDurationSeconds = seconds;
    }

    /** A copy of the inline policies, name to document. */
    public synchronized Map<String, String> inlinePolicies() {
        return new LinkedHashMap<>(inlinePolicies);
    }

    synchronized void putInlinePolicy(String policyName, String document) {
        inlinePolicies.put(policyName, document);
    }

    synchronized boolean deleteInlinePolicy(String policyName) {
        return inlinePolicies.remove(policyName) != null;
    }

    @Override
    public String toString() {
        return "FakeRole{" + arn() + "}";
    }
}
