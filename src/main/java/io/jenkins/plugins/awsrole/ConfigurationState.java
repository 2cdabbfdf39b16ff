package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * Every persisted setting of {@link AwsRoleConfiguration} at one moment: what a form submission or a JCasC file turns
 * the configuration into as a whole, and what it is put back to when that whole is refused. Field for field what the
 * configuration stores; no secret in clear ({@code signingKeys} stays a {@link Secret}), and no {@code toString}.
 *
 * <p>A new setting of the configuration must be added here, or a refused change would not put it back.
 */
record ConfigurationState(
        @CheckForNull String issuerUrl,
        SigningAlgorithm signingAlgorithm,
        int tokenLifetimeSeconds,
        int keyRotationDays,
        @CheckForNull Secret signingKeys,
        @CheckForNull String defaultRegion,
        @CheckForNull String stsEndpoint,
        @CheckForNull String iamEndpoint,
        @CheckForNull String revocationRoleArn,
        boolean failOnRevocationFailure,
        List<AwsRoleMapping> mappings,
        @CheckForNull String driftReaderRoleArn,
        List<String> trustCheckJobs,
        int refreshMinutes,
        int auditRetention,
        @CheckForNull String subjectTemplate,
        List<String> folderRoleArns,
        List<String> folderAccounts,
        int folderMaxSessionSeconds) {

    ConfigurationState {
        mappings = List.copyOf(mappings);
        trustCheckJobs = List.copyOf(trustCheckJobs);
        folderRoleArns = List.copyOf(folderRoleArns);
        folderAccounts = List.copyOf(folderAccounts);
    }

    /** The roles no mapping may name: the revocation role and the drift reader, where configured. */
    List<String> reservedRoleArns() {
        List<String> reserved = new ArrayList<>();
        if (revocationRoleArn != null) {
            reserved.add(revocationRoleArn);
        }
        if (driftReaderRoleArn != null) {
            reserved.add(driftReaderRoleArn);
        }
        return reserved;
    }

    ConfigurationState withMappings(List<AwsRoleMapping> newMappings) {
        return new ConfigurationState(
                issuerUrl,
                signingAlgorithm,
                tokenLifetimeSeconds,
                keyRotationDays,
                signingKeys,
                defaultRegion,
                stsEndpoint,
                iamEndpoint,
                revocationRoleArn,
                failOnRevocationFailure,
                newMappings,
                driftReaderRoleArn,
                trustCheckJobs,
                refreshMinutes,
                auditRetention,
                subjectTemplate,
                folderRoleArns,
                folderAccounts,
                folderMaxSessionSeconds);
    }

    @Override
    public String toString() {
        return "ConfigurationState[" + mappings.size() + " mappings]";
    }
}
