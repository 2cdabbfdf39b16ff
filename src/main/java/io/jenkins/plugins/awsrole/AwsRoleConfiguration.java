package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.RevokedKeys;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.RefreshSchedule;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.FolderLimits;
import io.jenkins.plugins.awsrole.engine.trust.Glob;
import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappingValidator;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustCheckGate;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPlan;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
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
 * awsOidcRole:}): how Jenkins acts as an OIDC issuer, where the STS calls go, the optional revocation role (reserved:
 * no mapping may name it), and the trust mappings. The signing keys
 * are stored encrypted and never shown; JCasC can supply them so that an ephemeral controller keeps one issuer key
 * across restarts.
 *
 * <p>A change is all or nothing. Each setter checks its own value; what depends on several settings (no mapping may
 * name the revocation role or the drift reader, a supplied key decides the signing algorithm) is checked once the
 * change is complete: at once for a single setter, at the commit of a {@link BulkChange} for JCasC, which sets the
 * attributes in no fixed order inside one. A change that fails puts every setting back as it was, in memory and on
 * disk. A submission of the page is read and checked as a whole ({@link ConfigurationForm}) before any of it is
 * applied.
 */
@Extension
@Symbol("awsOidcRole")
public class AwsRoleConfiguration extends GlobalConfiguration {

    /** Default days between automatic key rotations. */
    public static final int DEFAULT_KEY_ROTATION_DAYS = (int) IssuerSettings.DEFAULT_ROTATION_INTERVAL.toDays();

    static final int DEFAULT_TOKEN_LIFETIME_SECONDS = (int) TokenRequest.DEFAULT_LIFETIME.toSeconds();
    private static final int MIN_TOKEN_LIFETIME_SECONDS = (int) TokenRequest.MIN_LIFETIME.toSeconds();
    private static final int MAX_TOKEN_LIFETIME_SECONDS = (int) TokenRequest.MAX_LIFETIME.toSeconds();
    private static final int MAX_KEY_ROTATION_DAYS = 365;
    static final int DEFAULT_REFRESH_MINUTES = (int) RefreshSchedule.DEFAULT_THRESHOLD.toMinutes();
    private static final int MIN_REFRESH_MINUTES = (int) RefreshSchedule.MIN_THRESHOLD.toMinutes();
    private static final int MAX_REFRESH_MINUTES = (int) RefreshSchedule.MAX_THRESHOLD.toMinutes();
    static final int MIN_AUDIT_RETENTION = 100;
    static final int MAX_AUDIT_RETENTION = 1_000_000;

    private static final Logger LOGGER = Logger.getLogger(AwsRoleConfiguration.class.getName());

    // The settings are written under this object's lock (change, configure, restore), as a whole, and read without it
    // by every build: volatile, so that a build sees each written value. XStream persists volatile fields as any other.
    private volatile String issuerUrl;
    private volatile SigningAlgorithm signingAlgorithm = SigningAlgorithm.RS256;
    private volatile int tokenLifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;
    private volatile int keyRotationDays = DEFAULT_KEY_ROTATION_DAYS;
    /** The key state as JSON (private keys included), encrypted at rest by {@link Secret}. */
    private volatile Secret signingKeys;
    /** The region for mappings without one; {@code null} for none. */
    private volatile String defaultRegion;
    /** The STS endpoint override as typed (already checked); {@code null} for the region's public endpoint. */
    private volatile String stsEndpoint;

    /**
     * The IAM endpoint the controller's own IAM calls go to (revoker, drift reader), as typed (already checked);
     * {@code null} for the public IAM endpoint of the role's partition. Never the STS override: STS endpoints, VPC ones
     * above all, do not serve IAM, and the reader's session token does not belong at a host meant for STS.
     */
    private volatile String iamEndpoint;

    /** The role the controller assumes to revoke sessions, as typed (already checked); {@code null} for none. */
    private volatile String revocationRoleArn;

    /** Whether a block (or freestyle build) whose session could not be revoked fails. */
    private volatile boolean failOnRevocationFailure;

    private volatile List<AwsRoleMapping> mappings = new ArrayList<>();

    /** Jobs (full names or patterns) whose builds may run awsRoleProbe and awsRoleDriftCheck; empty for none. */
    private volatile ArrayList<String> trustCheckJobs = new ArrayList<>();

    /** The read-only role the drift check reads IAM with; {@code null} for none (no drift check). */
    private volatile String driftReaderRoleArn;

    /** A block's session is renewed when this many minutes of it are left. */
    private volatile int refreshMinutes = DEFAULT_REFRESH_MINUTES;

    /** How many audit events the controller keeps in memory. */
    private volatile int auditRetention = AuditLog.DEFAULT_RETENTION;

    /** The {@code sub} template as typed (already checked); {@code null} for the default. */
    private volatile String subjectTemplate;
    /** Role ARN patterns folders may map (see {@link FolderLimits}). */
    private volatile ArrayList<String> folderRoleArns = new ArrayList<>();

    /** Accounts any of whose roles folders may map. */
    private volatile ArrayList<String> folderAccounts = new ArrayList<>();

    /** The longest session a folder mapping may give. */
    private volatile int folderMaxSessionSeconds = FolderLimits.DEFAULT_MAX_SESSION_SECONDS;

    /** The settings before the first change of the running bulk change (JCasC), to put back if its whole is refused. */
    @CheckForNull
    private transient ConfigurationState beforeBulk;

    /** The bulk change {@link #beforeBulk} belongs to. */
    @CheckForNull
    private transient BulkChange bulk;

    /** The algorithm of the key supplied in the running bulk change, which decides the signing algorithm. */
    @CheckForNull
    private transient volatile SigningAlgorithm suppliedKeyAlgorithm;

    /** The signing algorithm set in the running bulk change, which must agree with a key supplied in it. */
    @CheckForNull
    private transient volatile SigningAlgorithm requestedAlgorithm;

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
                issuerUrl == null ? IssuerUrl.underJenkinsRoot(configuredJenkinsUrl()) : IssuerUrl.parse(issuerUrl);
        return IssuerSettings.defaults(url)
                .withAlgorithm(signingAlgorithm)
                .withRotationInterval(keyRotationDays == 0 ? null : Duration.ofDays(keyRotationDays));
    }

    /**
     * The Jenkins URL an administrator configured, or {@code null}. Never {@code Jenkins.getRootUrl()}: without a
     * configured URL that one is built from the current request's {@code Host} and {@code X-Forwarded-*} headers, so
     * an anonymous caller of the issuer endpoint would choose the published {@code jwks_uri} and the issuer tokens
     * are signed for.
     */
    @CheckForNull
    static String configuredJenkinsUrl() {
        return JenkinsLocationConfiguration.get().getUrl();
    }

    /** What the session broker needs besides mappings and issuer: token lifetime, default region, STS endpoint. */
    public BrokerSettings brokerSettings() {
        StsSettings sts = stsSettings();
        return new BrokerSettings(tokenLifetime(), sts.defaultRegion(), sts.endpoint(), subjectTemplate());
    }

    /**
     * The settings of the controller's own sessions (revoker, drift reader): as {@link #brokerSettings()}, but never
     * failing on the {@code sub} template, which those sessions do not use (their {@code sub} is fixed), so that a
     * hand-edited template cannot stop revocation.
     */
    public BrokerSettings controllerSessionSettings() {
        StsSettings sts = stsSettings();
        return new BrokerSettings(tokenLifetime(), sts.defaultRegion(), sts.endpoint());
    }

    /**
     * What every build token's {@code sub} is made of: the configured template (JCasC {@code subjectTemplate}), or
     * {@value SubjectTemplate#DEFAULT_PATTERN}.
     *
     * @throws IllegalArgumentException when the stored template does not parse (only a hand-edited file can hold one):
     *     no token is made rather than one with another {@code sub} than the administrator chose
     */
    public SubjectTemplate subjectTemplate() {
        if (subjectTemplate == null) {
            return SubjectTemplate.DEFAULT;
        }
        try {
            return SubjectTemplate.parse(subjectTemplate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    Messages.AwsRoleConfiguration_StoredSubjectTemplateInvalid(e.getMessage()));
        }
    }

    /** The {@code sub} template as configured, or {@code null} for the default (JCasC key {@code subjectTemplate}). */
    @CheckForNull
    public String getSubjectTemplate() {
        return subjectTemplate;
    }

    /**
     * The template of every build token's {@code sub}: fields of job, folder, stage, branch, ref_type, tag and replay,
     * each {@code name:${name}}, joined by {@code :}, with job and stage; empty for the default. Builds started after
     * the change use it; the roles' trust policies must follow (export them again).
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    @DataBoundSetter
    public void setSubjectTemplate(String subjectTemplate) {
        change(() -> checkSubjectTemplate(subjectTemplate), value -> this.subjectTemplate = value);
    }

    /** The template as stored ({@code null} for the default), or why it cannot be. */
    @CheckForNull
    static String checkSubjectTemplate(@CheckForNull String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return null;
        }
        return SubjectTemplate.parse(value).pattern();
    }

    @POST
    public FormValidation doCheckSubjectTemplate(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            String stored = checkSubjectTemplate(value);
            if (stored == null) {
                return FormValidation.ok(
                        Messages.AwsRoleConfiguration_DefaultSubjectTemplate(SubjectTemplate.DEFAULT_PATTERN));
            }
            SubjectTemplate template = SubjectTemplate.parse(stored);
            if (template.has("branch") && !template.has("ref_type")) {
                return FormValidation.warning(Messages.AwsRoleConfiguration_BranchWithoutRefType());
            }
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The lifetime of the identity tokens this controller signs. */
    public Duration tokenLifetime() {
        return Duration.ofSeconds(tokenLifetimeSeconds);
    }

    /**
     * The trust mappings as the engine decides on them, with every problem of the set; a mapping with errors is never
     * granted (it cannot be saved with errors, but a hand-edited XML file could hold some).
     */
    public TrustMappings trustMappings() {
        return MappingSet.toTrustMappings(getMappings(), reservedRoleArns())
                .withFolders(new FolderMappingsLookup(folderLimits(), folderReservedRoleArns()));
    }

    /**
     * The roles no folder mapping may name: the reserved roles, and the first role of every global chained stage (a
     * folder's builds holding it could assume the chained role without that stage's rules).
     */
    List<String> folderReservedRoleArns() {
        List<String> reserved = new ArrayList<>(reservedRoleArns());
        for (AwsRoleMapping mapping : getMappings()) {
            if (mapping.getChainedRoleArn() != null && mapping.getRoleArn() != null) {
                reserved.add(mapping.getRoleArn());
            }
        }
        return reserved;
    }

    /** What folder mappings may grant: the administrator's limits as they are now. */
    public FolderLimits folderLimits() {
        return new FolderLimits(
                folderRoleArns == null ? List.of() : folderRoleArns,
                folderAccounts == null ? List.of() : folderAccounts,
                folderMaxSessionSeconds);
    }

    /** The role ARN patterns folders may map, one a line (JCasC {@code folderRoleArns}). */
    public String getFolderRoleArns() {
        return Lines.join(folderRoleArns);
    }

    /**
     * Which roles folder mappings may name: role ARNs with {@code *} or {@code ?} in the name or path, one a line;
     * empty for none.
     *
     * @throws IllegalArgumentException naming a pattern that cannot be used
     */
    @DataBoundSetter
    public void setFolderRoleArns(String folderRoleArns) {
        change(() -> checkFolderRoleArns(folderRoleArns), value -> this.folderRoleArns = new ArrayList<>(value));
    }

    static List<String> checkFolderRoleArns(String text) {
        List<String> patterns = Lines.split(text);
        String problem = FolderLimits.roleArnPatternsProblem(patterns);
        if (problem != null) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_FolderLimitInvalid(problem));
        }
        return patterns;
    }

    @POST
    public FormValidation doCheckFolderRoleArns(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            checkFolderRoleArns(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The accounts any of whose roles folders may map, one a line (JCasC {@code folderAccounts}). */
    public String getFolderAccounts() {
        return Lines.join(folderAccounts);
    }

    /**
     * The AWS accounts any of whose roles folder mappings may name, one 12-digit id a line; empty for none.
     *
     * @throws IllegalArgumentException naming an id that is not one
     */
    @DataBoundSetter
    public void setFolderAccounts(String folderAccounts) {
        change(() -> checkFolderAccounts(folderAccounts), value -> this.folderAccounts = new ArrayList<>(value));
    }

    static List<String> checkFolderAccounts(String text) {
        List<String> accounts = Lines.split(text);
        String problem = FolderLimits.accountsProblem(accounts);
        if (problem != null) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_FolderLimitInvalid(problem));
        }
        return accounts;
    }

    @POST
    public FormValidation doCheckFolderAccounts(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            checkFolderAccounts(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    public int getFolderMaxSessionSeconds() {
        return folderMaxSessionSeconds;
    }

    /** The longest session a folder mapping may give, 900 to 43200 seconds. */
    @DataBoundSetter
    public void setFolderMaxSessionSeconds(int folderMaxSessionSeconds) {
        change(
                () -> checkFolderMaxSessionSeconds(folderMaxSessionSeconds),
                value -> this.folderMaxSessionSeconds = value);
    }

    static int checkFolderMaxSessionSeconds(int seconds) {
        String problem = FolderLimits.maxSessionProblem(seconds);
        if (problem != null) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_FolderLimitInvalid(problem));
        }
        return seconds;
    }

    @POST
    public FormValidation doCheckFolderMaxSessionSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return numberCheck(
                value, FolderLimits.DEFAULT_MAX_SESSION_SECONDS, AwsRoleConfiguration::checkFolderMaxSessionSeconds);
    }

    /**
     * The plugin's own roles, which no trust mapping may name (the engine refuses such a mapping): the revocation role
     * and the drift reader role, when configured.
     */
    List<String> reservedRoleArns() {
        return state().reservedRoleArns();
    }

    /** The revocation role (JCasC key {@code revocationRoleArn}), or {@code null}: then sessions are not revoked. */
    @CheckForNull
    public String getRevocationRoleArn() {
        return revocationRoleArn;
    }

    /**
     * The role the controller assumes with its own token to revoke sessions; empty for none. Refused when it is not a
     * role ARN, or when a mapping names it (that build could then revoke, or unrevoke, every other build's session).
     *
     * @throws IllegalArgumentException saying what to fix
     */
    @DataBoundSetter
    public void setRevocationRoleArn(String revocationRoleArn) {
        change(() -> checkRevocationRole(revocationRoleArn, List.of()), value -> this.revocationRoleArn = value);
    }

    public boolean isFailOnRevocationFailure() {
        return failOnRevocationFailure;
    }

    /**
     * Whether a block, or a freestyle build, fails when its session could not be revoked at its end (JCasC
     * {@code failOnRevocationFailure}); off by default: the block's work is done by then, and the administrative
     * monitor lists every failure either way. A session revoked by the role-wide cut-off is revoked, and fails
     * nothing.
     */
    @DataBoundSetter
    public void setFailOnRevocationFailure(boolean failOnRevocationFailure) {
        change(() -> failOnRevocationFailure, value -> this.failOnRevocationFailure = value);
    }

    /** The role as it is stored ({@code null} for none), or why it cannot be. */
    @CheckForNull
    static String checkRevocationRole(@CheckForNull String text, List<AwsRoleMapping> mappings) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return null;
        }
        IamArn role;
        try {
            role = IamArn.parseRole(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_RevocationRoleInvalid(e.getMessage()));
        }
        for (AwsRoleMapping mapping : mappings) {
            TrustMapping mapped = mapping.toTrustMapping();
            if (names(role, mapped)) {
                throw new IllegalArgumentException(
                        Messages.AwsRoleConfiguration_RevocationRoleMapped(mapped.roleArn(), mapped.stage()));
            }
        }
        return value;
    }

    /** Where the builds' STS calls go: default region and endpoint override. */
    public StsSettings stsSettings() {
        return new StsSettings(defaultRegion, stsEndpoint == null ? null : URI.create(stsEndpoint));
    }

    /** The mappings in configured order (JCasC key {@code mappings}). */
    public List<AwsRoleMapping> getMappings() {
        return mappings == null ? List.of() : Collections.unmodifiableList(mappings);
    }

    /**
     * Replaces every mapping. The set is checked as a whole first; with errors nothing changes, so that a bad JCasC
     * file fails with every problem listed instead of leaving a half-applied configuration.
     *
     * @throws IllegalArgumentException listing every problem, each with its stage and field
     */
    @DataBoundSetter
    public void setMappings(List<AwsRoleMapping> mappings) {
        List<AwsRoleMapping> given = mappings == null ? List.of() : List.copyOf(mappings);
        change(() -> given, value -> this.mappings = new ArrayList<>(value));
    }

    @CheckForNull
    public String getDefaultRegion() {
        return defaultRegion;
    }

    /** The region for mappings that name none; empty for none (STS in us-east-1, no {@code AWS_REGION}). */
    @DataBoundSetter
    public void setDefaultRegion(String defaultRegion) {
        change(() -> checkDefaultRegion(defaultRegion), value -> this.defaultRegion = value);
    }

    /** The region as stored ({@code null} for none), or why it cannot be. */
    @CheckForNull
    static String checkDefaultRegion(@CheckForNull String text) {
        String value = text == null ? "" : text.strip();
        Validation validation = TrustMappingValidator.checkRegion(value, null);
        if (validation.hasErrors()) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_DefaultRegionInvalid(
                    validation.errors().get(0).message()));
        }
        return value.isEmpty() ? null : value;
    }

    @CheckForNull
    public String getStsEndpoint() {
        return stsEndpoint;
    }

    /** An STS endpoint instead of the region's public one (VPC, FIPS, testing); empty for the public endpoint. */
    @DataBoundSetter
    public void setStsEndpoint(String stsEndpoint) {
        change(() -> checkStsEndpoint(stsEndpoint), value -> this.stsEndpoint = value);
    }

    /** The endpoint as stored ({@code null} for the public one), or why it cannot be. */
    @CheckForNull
    static String checkStsEndpoint(@CheckForNull String text) {
        URI endpoint = StsSettings.parseEndpoint(text);
        return endpoint == null ? null : endpoint.toString();
    }

    @CheckForNull
    public String getIamEndpoint() {
        return iamEndpoint;
    }

    /** An IAM endpoint for the revoker and the drift reader (an IAM VPC endpoint, a test server); empty for the public one. */
    @DataBoundSetter
    public void setIamEndpoint(String iamEndpoint) {
        change(() -> checkIamEndpoint(iamEndpoint), value -> this.iamEndpoint = value);
    }

    /** The endpoint as stored ({@code null} for the public one), or why it cannot be. */
    @CheckForNull
    static String checkIamEndpoint(@CheckForNull String text) {
        URI endpoint = parseIamEndpoint(text);
        return endpoint == null ? null : endpoint.toString();
    }

    /**
     * Where the controller's IAM calls go: this setting, else the older system property {@value
     * AwsRoleService#IAM_ENDPOINT_PROPERTY} (kept so that existing revocation setups keep working), else {@code null}
     * for the partition's public IAM endpoint.
     *
     * @throws IllegalArgumentException when the system property is not a usable URL
     */
    @CheckForNull
    public URI iamEndpoint() {
        return iamEndpoint != null
                ? URI.create(iamEndpoint)
                : parseIamEndpoint(System.getProperty(AwsRoleService.IAM_ENDPOINT_PROPERTY));
    }

    @CheckForNull
    static URI parseIamEndpoint(@CheckForNull String text) {
        try {
            return StsSettings.parseEndpoint(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_IamEndpointInvalid(
                    String.valueOf(text).strip()));
        }
    }

    @POST
    public FormValidation doCheckIamEndpoint(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            URI endpoint = parseIamEndpoint(value);
            String warning = endpoint == null ? null : StsSettings.endpointWarning(endpoint);
            return warning == null ? FormValidation.ok() : FormValidation.warning(warning);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @CheckForNull
    public String getIssuerUrl() {
        return issuerUrl;
    }

    /** An issuer URL other than the default {@code ${JENKINS_URL}aws-oidc-role}; empty for the default. */
    @DataBoundSetter
    public void setIssuerUrl(String issuerUrl) {
        change(() -> checkIssuerUrl(issuerUrl), value -> this.issuerUrl = value);
    }

    /** The issuer URL as stored ({@code null} for the default), or why it cannot be. */
    @CheckForNull
    static String checkIssuerUrl(@CheckForNull String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        IssuerUrl.parse(trimmed);
        return trimmed;
    }

    public SigningAlgorithm getSigningAlgorithm() {
        return signingAlgorithm;
    }

    /** A new algorithm takes effect with the next rotation, which happens at once. */
    @DataBoundSetter
    public void setSigningAlgorithm(SigningAlgorithm signingAlgorithm) {
        SigningAlgorithm value = signingAlgorithm == null ? SigningAlgorithm.RS256 : signingAlgorithm;
        change(() -> value, algorithm -> {
            this.signingAlgorithm = algorithm;
            this.requestedAlgorithm = algorithm;
        });
    }

    public int getTokenLifetimeSeconds() {
        return tokenLifetimeSeconds;
    }

    @DataBoundSetter
    public void setTokenLifetimeSeconds(int tokenLifetimeSeconds) {
        change(() -> checkTokenLifetime(tokenLifetimeSeconds), value -> this.tokenLifetimeSeconds = value);
    }

    static int checkTokenLifetime(int seconds) {
        if (seconds < MIN_TOKEN_LIFETIME_SECONDS || seconds > MAX_TOKEN_LIFETIME_SECONDS) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_TokenLifetimeRange(
                    MIN_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, seconds));
        }
        return seconds;
    }

    public int getKeyRotationDays() {
        return keyRotationDays;
    }

    /** Days between automatic key rotations; 0 turns automatic rotation off (for keys pinned through JCasC). */
    @DataBoundSetter
    public void setKeyRotationDays(int keyRotationDays) {
        change(() -> checkKeyRotationDays(keyRotationDays), value -> this.keyRotationDays = value);
    }

    static int checkKeyRotationDays(int days) {
        if (days < 0 || days > MAX_KEY_ROTATION_DAYS) {
            throw new IllegalArgumentException(
                    Messages.AwsRoleConfiguration_KeyRotationRange(MAX_KEY_ROTATION_DAYS, days));
        }
        return days;
    }

    public int getRefreshMinutes() {
        return refreshMinutes;
    }

    /**
     * How many minutes of a block's session must be left when a step starts: the block renews its session that long
     * before it expires (JCasC {@code refreshMinutes}).
     *
     * @throws IllegalArgumentException when not between 1 and 60
     */
    @DataBoundSetter
    public void setRefreshMinutes(int refreshMinutes) {
        change(() -> checkRefreshMinutes(refreshMinutes), value -> this.refreshMinutes = value);
    }

    /** The refresh threshold as the blocks use it. */
    Duration refreshThreshold() {
        return Duration.ofMinutes(refreshMinutes);
    }

    static int checkRefreshMinutes(int minutes) {
        if (minutes < MIN_REFRESH_MINUTES || minutes > MAX_REFRESH_MINUTES) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_RefreshMinutesRange(
                    MIN_REFRESH_MINUTES, MAX_REFRESH_MINUTES, minutes));
        }
        return minutes;
    }

    public int getAuditRetention() {
        return auditRetention;
    }

    /**
     * How many audit events the controller keeps for the build and administrator pages (JCasC {@code auditRetention});
     * fewer than before drops the oldest at once. The audit log lines are written either way.
     *
     * @throws IllegalArgumentException when not between 100 and 1,000,000
     */
    @DataBoundSetter
    public void setAuditRetention(int auditRetention) {
        change(() -> checkAuditRetention(auditRetention), value -> this.auditRetention = value);
    }

    static int checkAuditRetention(int events) {
        if (events < MIN_AUDIT_RETENTION || events > MAX_AUDIT_RETENTION) {
            throw new IllegalArgumentException(Messages.AwsRoleConfiguration_AuditRetentionRange(
                    MIN_AUDIT_RETENTION, MAX_AUDIT_RETENTION, events));
        }
        return events;
    }

    /** Loads the saved configuration and applies its audit retention to the controller's audit trail. */
    @Override
    public synchronized void load() {
        super.load();
        applyAuditRetention();
    }

    /**
     * Saves the configuration and applies its audit retention, which may just have changed. At the commit of a bulk
     * change (JCasC) the new settings are first checked as a whole; refused, they are all put back and the reason is
     * thrown, listing every problem.
     */
    @Override
    public synchronized void save() {
        if (BulkChange.contains(this)) {
            return;
        }
        ConfigurationState before = beforeBulk;
        if (before != null) {
            endBulk();
            try {
                settle();
            } catch (IllegalArgumentException e) {
                restore(before);
                throw e;
            }
        }
        super.save();
        applyAuditRetention();
    }

    /**
     * One setter's change: {@code check} gives the value to store (or throws saying what is wrong with it), {@code
     * assign} stores it. Alone, the change is checked with the other settings and saved, or put back. Inside a bulk
     * change it waits for the commit ({@link #save}); a value refused on its own puts back what the bulk change had
     * set so far, since the bulk change will not be committed.
     */
    private <T> void change(Supplier<T> check, Consumer<T> assign) {
        synchronized (this) {
            boolean inBulk = BulkChange.contains(this);
            if (inBulk && bulk != BulkChange.current()) {
                bulk = BulkChange.current();
                beforeBulk = state();
            }
            T value;
            try {
                value = check.get();
            } catch (IllegalArgumentException e) {
                if (inBulk && beforeBulk != null) {
                    ConfigurationState before = beforeBulk;
                    endBulk();
                    restore(before);
                }
                throw e;
            }
            if (inBulk) {
                assign.accept(value);
                return;
            }
            ConfigurationState before = state();
            assign.accept(value);
            try {
                settle();
            } catch (IllegalArgumentException e) {
                restore(before);
                throw e;
            }
        }
        save();
    }

    private void endBulk() {
        beforeBulk = null;
        bulk = null;
    }

    /**
     * Checks what depends on several settings, once they are all set: a supplied key decides the signing algorithm
     * (an algorithm set with it must agree), and the mappings, with the reserved roles, must have no errors.
     *
     * @throws IllegalArgumentException listing every problem
     */
    private void settle() {
        SigningAlgorithm keyAlgorithm = suppliedKeyAlgorithm;
        SigningAlgorithm requested = requestedAlgorithm;
        suppliedKeyAlgorithm = null;
        requestedAlgorithm = null;
        if (keyAlgorithm != null) {
            if (requested != null && requested != keyAlgorithm) {
                throw new IllegalArgumentException(
                        Messages.AwsRoleConfiguration_AlgorithmDisagreesWithKey(requested, keyAlgorithm));
            }
            signingAlgorithm = keyAlgorithm;
        }
        Validation validation = MappingSet.validate(getMappings(), reservedRoleArns());
        if (validation.hasErrors()) {
            throw new IllegalArgumentException(MappingSet.casCError(validation));
        }
        if (!validation.isClean()) {
            LOGGER.log(Level.WARNING, "Trust mappings saved with warnings:\n{0}", validation.summary());
        }
    }

    /** Every persisted setting as it is now. */
    synchronized ConfigurationState state() {
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
                getMappings(),
                driftReaderRoleArn,
                trustCheckJobs == null ? List.of() : trustCheckJobs,
                refreshMinutes,
                auditRetention,
                subjectTemplate,
                folderRoleArns == null ? List.of() : folderRoleArns,
                folderAccounts == null ? List.of() : folderAccounts,
                folderMaxSessionSeconds);
    }

    /** Makes every persisted setting what {@code state} says; the issuer reloads its keys. */
    private synchronized void restore(ConfigurationState state) {
        issuerUrl = state.issuerUrl();
        signingAlgorithm = state.signingAlgorithm();
        tokenLifetimeSeconds = state.tokenLifetimeSeconds();
        keyRotationDays = state.keyRotationDays();
        signingKeys = state.signingKeys();
        defaultRegion = state.defaultRegion();
        stsEndpoint = state.stsEndpoint();
        iamEndpoint = state.iamEndpoint();
        revocationRoleArn = state.revocationRoleArn();
        failOnRevocationFailure = state.failOnRevocationFailure();
        mappings = new ArrayList<>(state.mappings());
        driftReaderRoleArn = state.driftReaderRoleArn();
        trustCheckJobs = new ArrayList<>(state.trustCheckJobs());
        refreshMinutes = state.refreshMinutes();
        auditRetention = state.auditRetention();
        subjectTemplate = state.subjectTemplate();
        folderRoleArns = new ArrayList<>(state.folderRoleArns());
        folderAccounts = new ArrayList<>(state.folderAccounts());
        folderMaxSessionSeconds = state.folderMaxSessionSeconds();
        suppliedKeyAlgorithm = null;
        requestedAlgorithm = null;
        holder.reload();
    }

    private void applyAuditRetention() {
        // A value out of range can only come from a hand-edited file; the trail keeps what it has then.
        try {
            AwsRoleService.get().audit().retention(checkAuditRetention(auditRetention));
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "Audit retention not applied: {0}", e.getMessage());
        }
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
        change(() -> SigningKeysText.parse(text, signingAlgorithm, Instant.now()), state -> {
            this.suppliedKeyAlgorithm = state.current().algorithm();
            this.signingKeys = Secret.fromString(state.toText());
            holder.reload();
        });
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

    /**
     * A submission of the page: read and checked as a whole first ({@link ConfigurationForm}); then applied at once
     * and saved once. Nothing of a refused submission is applied.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        ConfigurationState next = ConfigurationForm.read(req, json, state());
        synchronized (this) {
            ConfigurationState before = state();
            restore(next);
            try {
                settle();
            } catch (IllegalArgumentException e) {
                restore(before);
                throw new FormException(e.getMessage(), "mappings");
            }
        }
        save();
        return true;
    }

    @POST
    public FormValidation doCheckIssuerUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = value == null ? "" : value.strip();
        try {
            IssuerUrl parsed =
                    url.isEmpty() ? IssuerUrl.underJenkinsRoot(configuredJenkinsUrl()) : IssuerUrl.parse(url);
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
    public FormValidation doCheckDefaultRegion(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok(Messages.AwsRoleConfiguration_NoDefaultRegion(BrokerSettings.FALLBACK_STS_REGION));
        }
        return FormChecks.toFormValidation(TrustMappingValidator.checkRegion(value, null));
    }

    @POST
    public FormValidation doCheckStsEndpoint(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            URI endpoint = StsSettings.parseEndpoint(value);
            String warning = endpoint == null ? null : StsSettings.endpointWarning(endpoint);
            return warning == null ? FormValidation.ok() : FormValidation.warning(warning);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static boolean names(IamArn role, TrustMapping mapping) {
        try {
            return role.sameEntity(IamArn.parseRole(mapping.roleArn()));
        } catch (IllegalArgumentException e) {
            return false; // a bad role ARN is reported by the mapping's own checks
        }
    }

    @POST
    public FormValidation doCheckRevocationRoleArn(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return checkRevocationRole(value, getMappings()) == null
                    ? FormValidation.ok(Messages.AwsRoleConfiguration_NoRevocationRole())
                    : FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckTokenLifetimeSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return numberCheck(value, DEFAULT_TOKEN_LIFETIME_SECONDS, AwsRoleConfiguration::checkTokenLifetime);
    }

    @POST
    public FormValidation doCheckKeyRotationDays(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        FormValidation check =
                numberCheck(value, DEFAULT_KEY_ROTATION_DAYS, AwsRoleConfiguration::checkKeyRotationDays);
        return check.kind == FormValidation.Kind.OK && "0".equals(value == null ? null : value.strip())
                ? FormValidation.warning(Messages.AwsRoleConfiguration_RotationOff())
                : check;
    }

    @POST
    public FormValidation doCheckRefreshMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return numberCheck(value, DEFAULT_REFRESH_MINUTES, AwsRoleConfiguration::checkRefreshMinutes);
    }

    @POST
    public FormValidation doCheckAuditRetention(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return numberCheck(value, AuditLog.DEFAULT_RETENTION, AwsRoleConfiguration::checkAuditRetention);
    }

    /** A number field as typed, checked as a save would read it: empty is the default, text is refused. */
    private static FormValidation numberCheck(String value, int defaultValue, IntUnaryOperator check) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            return FormValidation.ok(Messages.AwsRoleConfiguration_EmptyMeansDefault(defaultValue));
        }
        try {
            check.applyAsInt(Integer.parseInt(text));
            return FormValidation.ok();
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.AwsRoleConfiguration_NotANumber(text));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
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
     * The "Revoke signing key now" button, for a key that may be compromised: every published key leaves the JWKS at
     * once and a new key signs from now on. Tokens the old keys signed, including those still on their way to STS,
     * fail once AWS fetches the JWKS again. Audited as {@code KEY_REVOKED}.
     */
    @POST
    public FormValidation doRevokeKeyNow() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            RevokedKeys revoked = issuer().revokeNow();
            String message =
                    Messages.AwsRoleConfiguration_KeysRevoked(String.join(", ", revoked.removed()), revoked.current());
            AwsRoleService.get()
                    .audit()
                    .record(ControllerAudit.keysRevoked(
                            Jenkins.getAuthentication2().getName(), message));
            return FormValidation.ok(message);
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

    /** The jobs that may run the trust checks from a Pipeline, one pattern a line (JCasC {@code trustCheckJobs}). */
    public String getTrustCheckJobs() {
        return Lines.join(trustCheckJobs);
    }

    /**
     * Which jobs may run {@code awsRoleProbe} and {@code awsRoleDriftCheck}: full names or patterns, one a line; empty
     * for none.
     *
     * @throws IllegalArgumentException naming a pattern that cannot be used
     */
    @DataBoundSetter
    public void setTrustCheckJobs(String trustCheckJobs) {
        change(() -> checkTrustCheckJobs(trustCheckJobs), value -> this.trustCheckJobs = new ArrayList<>(value));
    }

    /** Who may run the trust checks from a Pipeline. */
    public TrustCheckGate trustCheckGate() {
        return new TrustCheckGate(trustCheckJobs == null ? List.of() : trustCheckJobs);
    }

    static List<String> checkTrustCheckJobs(String text) {
        List<String> patterns = Lines.split(text);
        for (String pattern : patterns) {
            String problem = Glob.problem(pattern);
            if (problem != null) {
                throw new IllegalArgumentException(Messages.AwsRoleConfiguration_TrustCheckJobsInvalid(problem));
            }
        }
        return patterns;
    }

    @POST
    public FormValidation doCheckTrustCheckJobs(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return checkTrustCheckJobs(value).isEmpty()
                    ? FormValidation.ok(Messages.AwsRoleConfiguration_NoTrustCheckJobs())
                    : FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @CheckForNull
    public String getDriftReaderRoleArn() {
        return driftReaderRoleArn;
    }

    /**
     * The read-only role for the drift check; empty for none. Reserved: no mapping may name it, so that no build can
     * get its session.
     *
     * @throws IllegalArgumentException when it is not a role ARN, or a mapping names it
     */
    @DataBoundSetter
    public void setDriftReaderRoleArn(String driftReaderRoleArn) {
        change(() -> checkDriftReaderRoleArn(driftReaderRoleArn, List.of()), value -> this.driftReaderRoleArn = value);
    }

    /** The normalised ARN, or {@code null} for none; refuses a non-role ARN and a role that a mapping names. */
    @CheckForNull
    static String checkDriftReaderRoleArn(String value, List<AwsRoleMapping> mappings) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        String arn = IamArn.parseRole(trimmed).arn();
        for (AwsRoleMapping mapping : mappings) {
            String mapped = mapping.toTrustMapping().roleArn();
            if (mapped != null && sameRole(mapped, arn)) {
                throw new IllegalArgumentException(Messages.AwsRoleConfiguration_DriftReaderMapped(
                        arn, mapping.toTrustMapping().stage()));
            }
        }
        return arn;
    }

    private static boolean sameRole(String mappedArn, String reservedArn) {
        try {
            return IamArn.parseRole(mappedArn).arn().equals(reservedArn);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @POST
    public FormValidation doCheckDriftReaderRoleArn(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            checkDriftReaderRoleArn(value, getMappings());
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * The "Check for drift" button: runs the drift check with the saved configuration and shows what it found. Drift
     * that widens access is an error, any other a warning.
     */
    @POST
    public FormValidation doCheckDrift() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            DriftReport report = AwsRoleService.get().checkDrift();
            if (!report.hasDrift()) {
                return FormValidation.ok(report.describe());
            }
            boolean wider = report.drifts().stream().anyMatch(d -> d.kind().widensAccess());
            return wider ? FormValidation.error(report.describe()) : FormValidation.warning(report.describe());
        } catch (IllegalStateException | IllegalArgumentException | StsExchangeException e) {
            return FormValidation.error(Messages.DriftCheck_Failed(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormValidation.error(Messages.DriftCheck_Failed(e.toString()));
        }
    }

    /**
     * What the AWS side must look like for the current mappings and issuer (the exports and the drift check).
     *
     * @throws IllegalArgumentException when a mapping has errors (listed) or no issuer URL can be formed
     */
    public TrustPlan trustPlan() {
        // With a revocation role, the exports also grant it its permissions on the roles that revoke.
        return TrustPlan.of(trustMappings(), issuerSettings().issuer(), revocationRoleArn, subjectTemplate());
    }

    /**
     * Downloads the AWS side of the trust mappings: {@code format=cloudformation} (YAML), {@code terraform} (HCL) or
     * {@code trust-policies} (JSON, by role ARN); {@code account} narrows it to one account's part. Works with
     * {@code curl -u user:token} as well as from the link on the configuration page.
     */
    public HttpResponse doExport(@QueryParameter String format, @QueryParameter String account) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return new HttpResponse() {
            @Override
            public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
                TrustExportDownload.respond(format, account, AwsRoleConfiguration.this::trustPlan, rsp);
            }
        };
    }
}
