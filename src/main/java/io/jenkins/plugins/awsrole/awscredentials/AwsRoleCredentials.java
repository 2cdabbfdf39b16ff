package io.jenkins.plugins.awsrole.awscredentials;

import com.amazonaws.auth.AWSCredentials;
import com.cloudbees.jenkins.plugins.awscredentials.BaseAmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsrole.CredentialSessions;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The credential type "AWS role through Jenkins OIDC": an aws-credentials {@code AmazonWebServicesCredentials} that
 * holds no key, only the name of a stage of the trust mappings. Whatever takes AWS credentials from the credentials
 * API inside a build ({@code withCredentials([aws(...)])}, Declarative {@code credentials()}, pipeline-aws's
 * {@code withAWS(credentials:)}) can use it without a stored key.
 *
 * <p>In a build, the credentials API hands the consumer {@link #forRun a copy bound to the build}, and the session
 * comes from the stage's mapping for that build, as {@code withAwsRole(stage: ...)} would get it: the
 * mapping's rules decide with the build's own identity, so the credential grants nothing its build could not get
 * anyway, wherever it is stored (a folder's credential reaches only the stages the mappings give that folder's jobs).
 * Outside a build, with no identity to decide for, every method that would return keys refuses with a message.
 *
 * <p>Persisted ({@code credentials.xml}, a folder's {@code config.xml}) with scope, id, description and the stage: no
 * secret. The binding to a build is a transient field, so a bound copy serializes exactly as the stored credential
 * (the credentials API fingerprints credentials through XStream to track their use: the bound copy's use is the stored
 * credential's), and a deserialized copy is unbound again. Loaded only when aws-credentials is installed (an optional dependency): no class outside this package names
 * it.
 */
public final class AwsRoleCredentials extends BaseAmazonWebServicesCredentials {

    private static final long serialVersionUID = 1L;

    private final String stage;

    /** The build this copy is bound to, with its session; {@code null} in the stored credential. */
    @CheckForNull
    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "A deserialized copy is the stored credential, bound to no build.")
    private transient BuildBinding binding;

    /**
     * @param stage the stage of the trust mappings whose role the credential gives a build
     * @throws Descriptor.FormException when the stage is not a stage name
     */
    @DataBoundConstructor
    public AwsRoleCredentials(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            String stage)
            throws Descriptor.FormException {
        super(scope, id, description);
        this.stage = stage == null ? "" : stage.strip();
        String error = CredentialSessions.stageError(this.stage);
        if (error != null) {
            throw new Descriptor.FormException(error, "stage");
        }
    }

    /** A copy bound to a build. */
    private AwsRoleCredentials(AwsRoleCredentials stored, Run<?, ?> run) {
        super(stored.getScope(), stored.getId(), stored.getDescription());
        this.stage = stored.stage;
        this.binding = new BuildBinding(run, stage, getId());
    }

    public String getStage() {
        return stage;
    }

    /** This credential for one build: its session is obtained for that build when a consumer first asks for keys. */
    @NonNull
    @Override
    public Credentials forRun(@NonNull Run<?, ?> context) {
        return new AwsRoleCredentials(this, context);
    }

    @Override
    public String getDisplayName() {
        return Messages.AwsRoleCredentials_Name(stage);
    }

    /**
     * The session credentials of the bound build, with their expiry.
     *
     * @throws SdkClientException when not bound to a build: outside a build there is no identity to decide for
     * @throws hudson.AbortException (undeclared, so that the build ends with the message and no stack trace) when the
     *     trust mappings or AWS refuse, or the build has ended
     */
    @Override
    public AwsCredentials resolveCredentials() {
        BuildBinding bound = binding;
        if (bound == null) {
            throw unbound();
        }
        return bound.sdkV2();
    }

    /** As {@link #resolveCredentials()}: an MFA token has no part in a web identity session and is ignored. */
    @Override
    public AwsCredentials resolveCredentials(String mfaToken) {
        return resolveCredentials();
    }

    /**
     * As {@link #resolveCredentials()}, for SDK v1 consumers: always session credentials, with their token; refused
     * with the SDK v1 exception those consumers expect when not bound to a build.
     */
    @Override
    public AWSCredentials getCredentials() {
        BuildBinding bound = binding;
        if (bound == null) {
            throw unboundV1();
        }
        return bound.sdkV1();
    }

    /** As {@link #getCredentials()}; the MFA token is ignored. Deprecated as in the interface. */
    @Deprecated
    @Override
    public AWSCredentials getCredentials(String mfaToken) {
        return getCredentials();
    }

    /** A bound copy obtains a fresh session at the next request for keys; the stored credential has none. */
    @Override
    public void refresh() {
        BuildBinding bound = binding;
        if (bound != null) {
            bound.refresh();
        }
    }

    private SdkClientException unbound() {
        return SdkClientException.create(Messages.AwsRoleCredentials_Unbound(getId(), stage));
    }

    private com.amazonaws.SdkClientException unboundV1() {
        return new com.amazonaws.SdkClientException(Messages.AwsRoleCredentials_Unbound(getId(), stage));
    }

    /**
     * Registered only when aws-credentials is installed: without it this class cannot load, and an optional
     * extension that cannot load is skipped quietly instead of failing the plugin.
     */
    @Extension(optional = true)
    @Symbol("awsRoleStage")
    public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AwsRoleCredentials_DisplayName();
        }

        /** The stage's syntax; to administrators also whether a mapping has it yet. */
        @POST
        public FormValidation doCheckStage(@QueryParameter String value) {
            return CredentialSessions.checkStage(value);
        }
    }
}
