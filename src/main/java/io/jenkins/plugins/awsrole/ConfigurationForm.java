package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import io.jenkins.plugins.awsrole.engine.trust.FolderLimits;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Reads a submission of the configuration page into the whole {@link ConfigurationState} it asks for, checking every
 * field before anything is applied, so that a refused submission changes nothing.
 *
 * <p>What the browser sends is read as the browser sends it, not through Stapler's binding: an emptied number field
 * arrives as {@code ""}, which binding would turn into 0, and 0 is either refused (after earlier setters had already
 * saved) or, for key rotation, silently means "off". Here an empty number means the field's default, and a value that
 * is not a whole number is refused on its field. A cleared text field, or a list whose last entry was deleted, may be
 * absent from the submission: absent means empty, so that clearing takes effect.
 */
final class ConfigurationForm {

    private final JSONObject json;

    private ConfigurationForm(JSONObject json) {
        this.json = json;
    }

    /** Turns the submitted {@code mappings} (an object, an array or nothing) into mappings: Stapler's binding. */
    @FunctionalInterface
    interface MappingBinder {
        List<AwsRoleMapping> bind(@CheckForNull Object mappings);
    }

    /**
     * The configuration this submission asks for. The signing keys are not on the page: they stay as they are.
     *
     * @param current the configuration as it is, for what the page does not submit
     * @throws FormException on the first field that cannot be accepted, with its message and name
     */
    static ConfigurationState read(StaplerRequest2 req, JSONObject json, ConfigurationState current)
            throws FormException {
        return read(json, current, mappings -> req.bindJSONToList(AwsRoleMapping.class, mappings));
    }

    /** {@link #read(StaplerRequest2, JSONObject, ConfigurationState)} with the binding given. */
    static ConfigurationState read(JSONObject json, ConfigurationState current, MappingBinder binder)
            throws FormException {
        return new ConfigurationForm(json).read(current, binder);
    }

    private ConfigurationState read(ConfigurationState current, MappingBinder binder) throws FormException {
        String issuerUrl = text("issuerUrl", AwsRoleConfiguration::checkIssuerUrl);
        SigningAlgorithm algorithm = algorithm();
        int tokenLifetime = number(
                "tokenLifetimeSeconds",
                AwsRoleConfiguration.DEFAULT_TOKEN_LIFETIME_SECONDS,
                AwsRoleConfiguration::checkTokenLifetime);
        int keyRotation = number(
                "keyRotationDays",
                AwsRoleConfiguration.DEFAULT_KEY_ROTATION_DAYS,
                AwsRoleConfiguration::checkKeyRotationDays);
        String defaultRegion = text("defaultRegion", AwsRoleConfiguration::checkDefaultRegion);
        String stsEndpoint = text("stsEndpoint", AwsRoleConfiguration::checkStsEndpoint);
        String iamEndpoint = text("iamEndpoint", AwsRoleConfiguration::checkIamEndpoint);
        List<String> trustCheckJobs = lines("trustCheckJobs", AwsRoleConfiguration::checkTrustCheckJobs);
        int refreshMinutes = number(
                "refreshMinutes",
                AwsRoleConfiguration.DEFAULT_REFRESH_MINUTES,
                AwsRoleConfiguration::checkRefreshMinutes);
        int auditRetention =
                number("auditRetention", AuditLog.DEFAULT_RETENTION, AwsRoleConfiguration::checkAuditRetention);
        String subjectTemplate = text("subjectTemplate", AwsRoleConfiguration::checkSubjectTemplate);
        String revocationRole =
                text("revocationRoleArn", value -> AwsRoleConfiguration.checkRevocationRole(value, List.of()));
        String driftReader =
                text("driftReaderRoleArn", value -> AwsRoleConfiguration.checkDriftReaderRoleArn(value, List.of()));
        List<String> folderRoleArns = lines("folderRoleArns", AwsRoleConfiguration::checkFolderRoleArns);
        List<String> folderAccounts = lines("folderAccounts", AwsRoleConfiguration::checkFolderAccounts);
        int folderMaxSession = number(
                "folderMaxSessionSeconds",
                FolderLimits.DEFAULT_MAX_SESSION_SECONDS,
                AwsRoleConfiguration::checkFolderMaxSessionSeconds);
        ConfigurationState next = new ConfigurationState(
                issuerUrl,
                algorithm,
                tokenLifetime,
                keyRotation,
                current.signingKeys(),
                defaultRegion,
                stsEndpoint,
                iamEndpoint,
                revocationRole,
                json.optBoolean("failOnRevocationFailure", false),
                List.of(),
                driftReader,
                trustCheckJobs,
                refreshMinutes,
                auditRetention,
                subjectTemplate,
                folderRoleArns,
                folderAccounts,
                folderMaxSession);
        List<AwsRoleMapping> mappings = binder.bind(mappingsJson());
        // The whole set, with the roles this same submission reserves: moving a role from a mapping to the
        // revocation role in one save is fine, keeping it in both is not.
        Validation validation = MappingSet.validate(mappings, next.reservedRoleArns());
        if (validation.hasErrors()) {
            throw new FormException(MappingSet.formError(validation), "mappings");
        }
        return next.withMappings(mappings);
    }

    /** A text field: blank or absent is {@code null}; otherwise checked, which may refuse it. */
    @CheckForNull
    private String text(String name, UnaryOperator<String> check) throws FormException {
        String value = json.optString(name, "").strip();
        try {
            return check.apply(value);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), name);
        }
    }

    /** A text area of one entry a line: absent is none; otherwise checked, which may refuse it. */
    private List<String> lines(String name, Function<String, List<String>> check) throws FormException {
        try {
            return check.apply(json.optString(name, ""));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), name);
        }
    }

    /** A number field: blank or absent is the default; not a whole number, or out of range, is refused. */
    private int number(String name, int defaultValue, IntUnaryOperator check) throws FormException {
        Object raw = json.opt(name);
        String text = raw == null ? "" : raw.toString().strip();
        int value;
        if (text.isEmpty()) {
            value = defaultValue;
        } else {
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new FormException(Messages.AwsRoleConfiguration_NotANumber(text), name);
            }
        }
        try {
            return check.applyAsInt(value);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), name);
        }
    }

    private SigningAlgorithm algorithm() throws FormException {
        String text = json.optString("signingAlgorithm", "").strip();
        if (text.isEmpty()) {
            return SigningAlgorithm.RS256;
        }
        try {
            return SigningAlgorithm.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FormException(Messages.AwsRoleConfiguration_UnknownAlgorithm(text), "signingAlgorithm");
        }
    }

    /**
     * The submitted mappings, with every empty session duration removed (it means the default, and binding would
     * make it 0) and every other one checked, so that a typo gets a message rather than a conversion error page.
     */
    private Object mappingsJson() throws FormException {
        return checkedMappings(json.opt("mappings"));
    }

    /**
     * Submitted mappings (an object, an array or nothing) with every empty session duration removed and every other one
     * checked: for this page and for a folder's mappings page.
     */
    static Object checkedMappings(@CheckForNull Object mappings) throws FormException {
        if (mappings instanceof JSONObject one) {
            checkDuration(one);
        } else if (mappings instanceof JSONArray many) {
            for (Object each : many) {
                if (each instanceof JSONObject mapping) {
                    checkDuration(mapping);
                }
            }
        }
        return mappings;
    }

    private static void checkDuration(JSONObject mapping) throws FormException {
        Object raw = mapping.opt("sessionDurationSeconds");
        String text = raw == null ? "" : raw.toString().strip();
        if (text.isEmpty()) {
            mapping.remove("sessionDurationSeconds");
            return;
        }
        Validation validation = AwsRoleMapping.DescriptorImpl.checkSessionDuration(text);
        if (validation.hasErrors()) {
            throw new FormException(validation.errors().get(0).message(), "mappings");
        }
    }
}
