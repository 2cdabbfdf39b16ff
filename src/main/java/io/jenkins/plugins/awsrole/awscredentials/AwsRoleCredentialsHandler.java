package io.jenkins.plugins.awsrole.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.pipeline.modeldefinition.model.CredentialsBindingHandler;

/**
 * Declarative Pipeline's {@code environment { AWS = credentials('deploy') }} for {@link AwsRoleCredentials}: binds them
 * with aws-credentials' {@code aws} binding as {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN}, the names the AWS CLI and SDKs read; the variable on the left is not set.
 *
 * <p>Needed because aws-credentials' own handler (265) passes the binding parameters {@code keyIdVariable} and
 * {@code secretVariable}, which its binding does not have; current Pipeline refuses unknown parameters, so
 * {@code credentials()} fails for every AWS credential there. This handler runs first for this type only (a higher
 * ordinal) and names the binding's real parameters. The names are fixed rather than derived from the left-hand
 * variable because the binding's session token variable is fixed: three variables of one session must match.
 *
 * <p>Optional like the credential type, and also skipped when Declarative Pipeline is not installed.
 */
@Extension(optional = true, ordinal = 100)
public final class AwsRoleCredentialsHandler extends CredentialsBindingHandler<AwsRoleCredentials> {

    /** aws-credentials' binding, by name: loading it would need credentials-binding, which Declarative brings. */
    static final String AWS_BINDING =
            "com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentialsBinding";

    @NonNull
    @Override
    public Class<? extends StandardCredentials> type() {
        return AwsRoleCredentials.class;
    }

    @NonNull
    @Override
    public List<Map<String, Object>> getWithCredentialsParameters(String credentialsId) {
        return List.of(Map.of(
                "$class",
                AWS_BINDING,
                "accessKeyVariable",
                "AWS_ACCESS_KEY_ID",
                "secretKeyVariable",
                "AWS_SECRET_ACCESS_KEY",
                "credentialsId",
                credentialsId));
    }
}
