package io.jenkins.plugins.awsrole.engine.trust;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks trust mappings and reports every problem at once, each naming its field and saying how to fix it.
 *
 * <p>The {@code check…} methods look at one field, for the configuration form's per-field checks; {@link
 * #validate(TrustMapping)} runs them all on one mapping and adds the checks that need two fields. Checks across
 * mappings (unique stage names, reserved roles) are in {@link TrustMappings#validate()}.
 */
public final class TrustMappingValidator {

    /** The stage name syntax, also used in the token's {@code sub}. */
    public static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** STS's limits on {@code DurationSeconds}. */
    public static final int MIN_SESSION_SECONDS = 900;

    public static final int MAX_SESSION_SECONDS = 43200;

    /** A role's maximum session duration unless its owner raised it. */
    static final int ROLE_DEFAULT_MAX_SESSION_SECONDS = 3600;

    /** STS's limit on the session policy, counted without whitespace outside strings. */
    public static final int MAX_SESSION_POLICY_CHARS = 2048;

    /** STS's limit on {@code PolicyArns}. */
    public static final int MAX_MANAGED_POLICIES = 10;

    /** IAM's limit on an OIDC provider's client ids, which the audience must be one of. */
    public static final int MAX_AUDIENCE_CHARS = 255;

    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern AVAILABILITY_ZONE = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}[a-z]");
    // STS's pattern for Policy: tab, line feed, carriage return and U+0020-U+00FF.
    private static final Pattern POLICY_CHARS = Pattern.compile("[\\t\\n\\r\\x20-\\xFF]*");

    private TrustMappingValidator() {}

    /** Every problem of one mapping, each attributed to its stage. */
    public static Validation validate(TrustMapping mapping) {
        List<Problem> problems = new ArrayList<>();
        problems.addAll(checkStage(mapping.stage()).problems());
        problems.addAll(checkRoleArn(mapping.roleArn()).problems());
        problems.addAll(checkRegion(mapping.region(), mapping.roleArn()).problems());
        problems.addAll(checkSessionDuration(mapping.sessionDurationSeconds()).problems());
        problems.addAll(checkSessionPolicy(mapping.sessionPolicy()).problems());
        problems.addAll(checkManagedPolicyArns(mapping.managedPolicyArns(), mapping.blockRoleArn())
                .problems());
        problems.addAll(checkSessionPolicySize(mapping.sessionPolicy(), mapping.managedPolicyArns())
                .problems());
        problems.addAll(checkAudience(mapping.audience()).problems());
        problems.addAll(checkJobs(mapping.jobs()).problems());
        problems.addAll(checkBranches(mapping.branches()).problems());
        problems.addAll(checkTags(mapping.tags(), mapping.branches()).problems());
        problems.addAll(checkChangeRequests(mapping.changeRequestsAllowed(), mapping.forkChangeRequestsAllowed())
                .problems());
        problems.addAll(checkStaticSessionTags(mapping.staticSessionTags(), mapping.sessionTags())
                .problems());
        problems.addAll(
                checkTransitiveTagKeys(mapping.transitiveTagKeys(), mapping.staticSessionTags(), mapping.sessionTags())
                        .problems());
        problems.addAll(checkPackedSize(mapping).problems());
        problems.addAll(checkChainedRole(mapping.chainedRoleArn(), mapping.roleArn(), mapping.sessionDurationSeconds())
                .problems());
        String stage = mapping.stage().isEmpty() ? null : mapping.stage();
        List<Problem> attributed = new ArrayList<>(problems.size());
        for (Problem problem : problems) {
            attributed.add(problem.inStage(stage));
        }
        return Validation.of(attributed);
    }

    /** The stage name: {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,63}}. */
    public static Validation checkStage(String stage) {
        MappingField field = MappingField.STAGE;
        if (stage == null || stage.isBlank()) {
            return error(
                    field,
                    "A stage needs a name, for example 'deploy'. Pipelines ask for it with"
                            + " withAwsRole(stage: 'deploy').");
        }
        String name = stage.strip();
        if (name.length() > 64) {
            return error(field, "Stage name '" + name + "' has " + name.length() + " characters; 64 at most.");
        }
        if (!STAGE_NAME.matcher(name).matches()) {
            char first = name.charAt(0);
            if (!Character.isLetterOrDigit(first) || first > 127) {
                return error(field, "Stage name '" + name + "' must start with a letter A-Z or a-z or a digit.");
            }
            return error(
                    field,
                    "Stage name '" + name + "' contains '" + firstOffending(name)
                            + "'. Use only letters A-Z and a-z, digits and _ . - (no spaces).");
        }
        return Validation.ok();
    }

    /** The role ARN: {@code arn:<partition>:iam::<12 digits>:role/<path/><name>}. */
    public static Validation checkRoleArn(String roleArn) {
        try {
            IamArn.parseRole(roleArn);
            return Validation.ok();
        } catch (IllegalArgumentException e) {
            return error(MappingField.ROLE_ARN, e.getMessage());
        }
    }

    /**
     * The region, optional: lower-case like {@code us-east-1}, {@code cn-north-1}, {@code us-gov-west-1} or {@code
     * eu-isoe-west-1}. With a role ARN, warns when the region is in another partition than the role.
     */
    public static Validation checkRegion(String region, String roleArn) {
        if (region == null || region.isBlank()) {
            return Validation.ok();
        }
        MappingField field = MappingField.REGION;
        String name = region.strip();
        if (AVAILABILITY_ZONE.matcher(name).matches()) {
            return error(
                    field,
                    "'" + name + "' is an availability zone. Give its region: '" + name.substring(0, name.length() - 1)
                            + "'.");
        }
        if (!REGION.matcher(name).matches()) {
            if (REGION.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                return error(
                        field, "Region '" + name + "' must be lower case: '" + name.toLowerCase(Locale.ROOT) + "'.");
            }
            return error(
                    field,
                    "'" + name + "' is not a region name. Write it like us-east-1, eu-west-2,"
                            + " cn-north-1 or us-gov-west-1, or leave the field empty.");
        }
        if (roleArn != null) {
            try {
                AwsPartition rolePartition = IamArn.parseRole(roleArn).partition();
                AwsPartition regionPartition = AwsPartition.ofRegion(name);
                if (rolePartition != regionPartition) {
                    return warning(
                            field,
                            "Region '" + name + "' looks like it is in partition '" + regionPartition
                                    + "', but the role is in '" + rolePartition + "'. STS of one partition cannot issue"
                                    + " credentials for a role of another: pick a region of partition '" + rolePartition
                                    + "'.");
                }
            } catch (IllegalArgumentException e) {
                // The role ARN's own check reports this.
            }
        }
        return Validation.ok();
    }

    /** The session duration: 900-43200 seconds; warns above the one hour that roles allow by default. */
    public static Validation checkSessionDuration(int seconds) {
        MappingField field = MappingField.SESSION_DURATION;
        if (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
            return error(
                    field,
                    "The session duration is " + seconds + " seconds; STS accepts "
                            + MIN_SESSION_SECONDS + " (15 minutes) to " + MAX_SESSION_SECONDS
                            + " (12 hours). The default"
                            + " is " + TrustMapping.DEFAULT_SESSION_DURATION_SECONDS + ".");
        }
        if (seconds > ROLE_DEFAULT_MAX_SESSION_SECONDS) {
            return warning(
                    field,
                    "A session of " + seconds + " seconds needs the role's maximum session duration"
                            + " raised to at least that (IAM > Roles > the role > Edit > Maximum session duration; the"
                            + " default is 1 hour), or STS refuses with a ValidationError.");
        }
        return Validation.ok();
    }

    /**
     * The session policy, optional: a JSON object with a {@code Statement}, at most 2,048 characters once whitespace
     * outside strings is removed, in the characters STS accepts. Warns on {@code "Action": "*"} and {@code
     * "Resource": "*"}.
     */
    public static Validation checkSessionPolicy(String policy) {
        if (policy == null || policy.isBlank()) {
            return Validation.ok();
        }
        MappingField field = MappingField.SESSION_POLICY;
        Object document;
        try {
            document = StrictJson.parse(policy);
        } catch (StrictJson.SyntaxError e) {
            return error(field, "The session policy is not valid JSON. " + e.getMessage());
        }
        List<Problem> problems = new ArrayList<>();
        if (!(document instanceof Map<?, ?> object)) {
            return error(
                    field,
                    "The session policy must be a JSON object ({\"Version\": \"2012-10-17\","
                            + " \"Statement\": [...]}), not " + kind(document) + ".");
        }
        if (!object.containsKey("Statement")) {
            problems.add(Problem.error(
                    field,
                    "The session policy has no \"Statement\". Add the statements that"
                            + " allow what this stage needs, for example \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                            + " \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::my-bucket/*\"}]."));
        }
        String packed = StrictJson.pack(policy);
        if (packed.length() > MAX_SESSION_POLICY_CHARS) {
            problems.add(Problem.error(
                    field,
                    "The session policy has " + packed.length() + " characters without"
                            + " whitespace; STS accepts " + MAX_SESSION_POLICY_CHARS + " at most. Shorten it, or move"
                            + " permissions into a managed policy and list its ARN under managed policies."));
        }
        if (!POLICY_CHARS.matcher(policy).matches()) {
            problems.add(Problem.error(
                    field,
                    "The session policy contains '" + firstOutsideLatin1(policy)
                            + "'; STS accepts only characters up to U+00FF. Write it with ASCII characters or as a \\u"
                            + " escape."));
        }
        if (containsWildcard(object, "Action")) {
            problems.add(Problem.warning(
                    field,
                    "The session policy has \"Action\": \"*\". A session policy can"
                            + " only narrow the role's permissions, and this narrows nothing: list the actions the stage"
                            + " needs."));
        }
        if (containsWildcard(object, "Resource")) {
            problems.add(Problem.warning(
                    field,
                    "The session policy has \"Resource\": \"*\". A session policy can"
                            + " only narrow the role's permissions, and this narrows nothing: list the resources the stage"
                            + " needs."));
        }
        return Validation.of(problems);
    }

    /**
     * The managed policy ARNs, optional: at most 10, each {@code arn:<partition>:iam::(<account>|aws):policy/…}, in
     * the role's partition and account (or AWS managed). Warns on duplicates.
     */
    public static Validation checkManagedPolicyArns(List<String> arns, String roleArn) {
        MappingField field = MappingField.MANAGED_POLICY_ARNS;
        List<Problem> problems = new ArrayList<>();
        if (arns == null || arns.isEmpty()) {
            return Validation.ok();
        }
        if (arns.size() > MAX_MANAGED_POLICIES) {
            problems.add(Problem.error(
                    field,
                    "There are " + arns.size() + " managed policies; STS accepts " + MAX_MANAGED_POLICIES
                            + " at most. Combine some, or drop those the stage does not need."));
        }
        IamArn role = null;
        try {
            role = roleArn == null ? null : IamArn.parseRole(roleArn);
        } catch (IllegalArgumentException e) {
            // The role ARN's own check reports this.
        }
        Set<String> seen = new HashSet<>();
        for (String arn : arns) {
            IamArn policy;
            try {
                policy = IamArn.parsePolicy(arn);
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error(field, e.getMessage()));
                continue;
            }
            if (!seen.add(policy.arn())) {
                problems.add(Problem.warning(field, "'" + arn + "' is listed twice. Remove one."));
            }
            if (role == null) {
                continue;
            }
            if (policy.partition() != role.partition()) {
                problems.add(Problem.error(
                        field,
                        "'" + arn + "' is in partition '" + policy.partition()
                                + "', but the role is in '" + role.partition()
                                + "'. Use the policy's ARN in partition '"
                                + role.partition() + "'."));
            } else if (!"aws".equals(policy.account()) && !policy.account().equals(role.account())) {
                problems.add(Problem.error(
                        field,
                        "'" + arn + "' is in account " + policy.account()
                                + ", but the role is in account " + role.account()
                                + ". STS only accepts managed policies"
                                + " of the role's own account (or AWS managed ones): create the policy in "
                                + role.account() + "."));
            }
        }
        return Validation.of(problems);
    }

    /** The audience: the token's {@code aud}; 1-255 characters without spaces (IAM's client id limit). */
    public static Validation checkAudience(String audience) {
        MappingField field = MappingField.AUDIENCE;
        if (audience == null || audience.isBlank()) {
            return Validation.ok(); // the default applies
        }
        String value = audience.strip();
        if (value.length() > MAX_AUDIENCE_CHARS) {
            return error(
                    field,
                    "The audience has " + value.length() + " characters; an IAM OIDC provider's"
                            + " client id (audience) has " + MAX_AUDIENCE_CHARS + " at most.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return error(
                        field,
                        "The audience '" + value + "' contains a space or control character. Use"
                                + " exactly the client id (audience) listed in the IAM OIDC provider, by default "
                                + TrustMapping.DEFAULT_AUDIENCE + ".");
            }
        }
        return Validation.ok();
    }

    /**
     * The job patterns: at least one, each a valid {@link Glob}. Warns on {@code **}, which lets every job have the
     * role.
     */
    public static Validation checkJobs(List<String> jobs) {
        MappingField field = MappingField.JOBS;
        if (jobs == null || jobs.isEmpty()) {
            return error(
                    field,
                    "No job may use this stage: list the jobs that may, as full names or patterns,"
                            + " for example 'team/app/main' or 'team/app/**'. Write '**' to allow every job.");
        }
        List<Problem> problems = patternProblems(field, jobs);
        if (jobs.contains("**")) {
            problems.add(Problem.warning(
                    field,
                    "'**' lets every job on this controller have the role, including"
                            + " jobs created later. Name the folders or jobs that need it instead."));
        }
        return Validation.of(problems);
    }

    /** The branch patterns, optional: each a valid {@link Glob}. */
    public static Validation checkBranches(List<String> branches) {
        if (branches == null || branches.isEmpty()) {
            return Validation.ok();
        }
        return Validation.of(patternProblems(MappingField.BRANCHES, branches));
    }

    /**
     * The tag patterns, optional: each a valid {@link Glob}. Warns when tags are listed but branches are not, since
     * the stage then admits every branch too, which is rarely what a list of release tags means.
     */
    public static Validation checkTags(List<String> tags, List<String> branches) {
        if (tags == null || tags.isEmpty()) {
            return Validation.ok();
        }
        List<Problem> problems = patternProblems(MappingField.TAGS, tags);
        if (branches == null || branches.isEmpty()) {
            problems.add(Problem.warning(
                    MappingField.TAGS,
                    "Tags are listed but branches are not, so every branch (and every job outside a multibranch"
                            + " project) may use this stage as well as these tags. List the branches that may use"
                            + " it too, if that is not meant."));
        }
        return Validation.of(problems);
    }

    /** The change request switches: warns when forks are allowed, and when that switch has no effect. */
    public static Validation checkChangeRequests(boolean changeRequestsAllowed, boolean forksAllowed) {
        MappingField field = MappingField.FORK_CHANGE_REQUESTS_ALLOWED;
        if (forksAllowed && !changeRequestsAllowed) {
            return warning(
                    field,
                    "Change requests from forks are allowed but change requests are not, so no"
                            + " change request can use this stage. Allow change requests too, or clear this switch.");
        }
        if (forksAllowed) {
            return warning(
                    field,
                    "Change requests from forks may use this stage: whoever can open a pull request"
                            + " against the repository can run code with this role. Allow it only for a role that can do"
                            + " no harm.");
        }
        return Validation.ok();
    }

    /**
     * The static session tags, optional: one {@code key=value} a line, split at the first {@code =}; only with session
     * tags on; at most {@value SessionTagRules#MAX_STATIC_TAGS} (with the plugin's own four, IAM's 50); IAM's key and
     * value rules; keys unique ignoring case, and none of the plugin's own ({@link SessionTagRules#FIXED_KEYS}).
     */
    public static Validation checkStaticSessionTags(List<String> lines, boolean sessionTags) {
        MappingField field = MappingField.STATIC_SESSION_TAGS;
        if (lines == null || lines.isEmpty()) {
            return Validation.ok();
        }
        List<Problem> problems = new ArrayList<>();
        if (!sessionTags) {
            problems.add(Problem.error(
                    field,
                    "Static session tags are sent only with session tags on: turn on 'Send session tags' (the role's"
                            + " trust policy must then allow sts:TagSession), or remove them."));
        }
        if (lines.size() > SessionTagRules.MAX_STATIC_TAGS) {
            problems.add(Problem.error(
                    field,
                    "There are " + lines.size() + " static session tags; with the plugin's own (up to "
                            + SessionTagRules.MAX_FIXED_PER_TOKEN + " a token) a token would carry more than the "
                            + SessionTagRules.MAX_TAGS + " AWS accepts. Keep " + SessionTagRules.MAX_STATIC_TAGS
                            + " at most."));
        }
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                problems.add(Problem.error(
                        field, "Session tag line '" + line + "' has no '=': write key=value, one tag a line."));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            String problem = SessionTagRules.keyProblem(key);
            if (problem == null && SessionTagRules.isFixed(key)) {
                problem = "The session tag key '" + key + "' is one the plugin sets itself ("
                        + String.join(", ", SessionTagRules.FIXED_KEYS) + "); choose another key.";
            }
            if (problem == null) {
                problem = SessionTagRules.valueProblem(key, value);
            }
            if (problem == null && !seen.add(key.toLowerCase(Locale.ROOT))) {
                problem = "The session tag key '" + key + "' is given twice; AWS treats tag keys as case-insensitive.";
            }
            if (problem != null) {
                problems.add(Problem.error(field, problem));
            }
        }
        return Validation.of(problems);
    }

    /**
     * The transitive tag keys, optional: each a key of the static tags or one of the plugin's own, once, and only with
     * session tags on. {@code jenkins-branch} and {@code jenkins-tag} are transitive in the tokens that carry them.
     */
    public static Validation checkTransitiveTagKeys(List<String> keys, List<String> staticLines, boolean sessionTags) {
        MappingField field = MappingField.TRANSITIVE_TAG_KEYS;
        if (keys == null || keys.isEmpty()) {
            return Validation.ok();
        }
        List<Problem> problems = new ArrayList<>();
        if (!sessionTags) {
            problems.add(Problem.error(
                    field, "Transitive tag keys need session tags: turn on 'Send session tags', or remove the keys."));
        }
        Set<String> known = new HashSet<>(SessionTagRules.FIXED_KEYS);
        known.addAll(SessionTagRules.parseStatic(staticLines == null ? List.of() : staticLines)
                .keySet());
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            String problem = SessionTagRules.keyProblem(key);
            if (problem == null && !known.contains(key)) {
                problem = "'" + key + "' is not a session tag of this stage: a transitive key must be one of the"
                        + " static session tags or of the plugin's own ("
                        + String.join(", ", SessionTagRules.FIXED_KEYS)
                        + "), spelled the same.";
            }
            if (problem == null && !seen.add(key)) {
                problem = "The transitive tag key '" + key + "' is listed twice. Remove one.";
            }
            if (problem != null) {
                problems.add(Problem.error(field, problem));
            }
        }
        return Validation.of(problems);
    }

    /**
     * Warns when the session policy, the managed policy ARNs and the static tags together have more than 2,048
     * characters: STS packs them together against a limit AWS does not publish ({@code PackedPolicyTooLarge}). Only
     * when there are static tags; the policies alone are checked with the managed policy ARNs.
     */
    private static Validation checkPackedSize(TrustMapping mapping) {
        if (!mapping.sessionTags() || mapping.staticSessionTags().isEmpty()) {
            return Validation.ok();
        }
        int tags = 0;
        for (Map.Entry<String, String> tag :
                SessionTagRules.parseStatic(mapping.staticSessionTags()).entrySet()) {
            tags += tag.getKey().length() + tag.getValue().length();
        }
        int total = tags;
        if (mapping.sessionPolicy() != null) {
            total += StrictJson.pack(mapping.sessionPolicy()).length();
        }
        for (String arn : mapping.managedPolicyArns()) {
            total += arn.length();
        }
        if (total > MAX_SESSION_POLICY_CHARS) {
            return warning(
                    MappingField.STATIC_SESSION_TAGS,
                    "The static session tags (" + tags + " characters), the session policy and the managed policy"
                            + " ARNs together have " + total
                            + " characters. STS packs them, with the plugin's own tags,"
                            + " against a limit AWS does not publish, and answers PackedPolicyTooLarge past it. Press"
                            + " Test to see what STS says, or use fewer or shorter tags.");
        }
        return Validation.ok();
    }

    private static Validation checkSessionPolicySize(String policy, List<String> managedPolicyArns) {
        int total = 0;
        if (policy != null && !policy.isBlank()) {
            total += StrictJson.pack(policy).length();
        }
        for (String arn : managedPolicyArns) {
            total += arn.length();
        }
        boolean policyAloneTooLong = policy != null && StrictJson.pack(policy).length() > MAX_SESSION_POLICY_CHARS;
        if (total > MAX_SESSION_POLICY_CHARS && !policyAloneTooLong && !managedPolicyArns.isEmpty()) {
            return warning(
                    MappingField.MANAGED_POLICY_ARNS,
                    "The session policy and the managed policy ARNs"
                            + " together have " + total + " characters; AWS limits the plaintext of inline and managed"
                            + " session policies together to " + MAX_SESSION_POLICY_CHARS + ", so STS may refuse with"
                            + " PackedPolicyTooLarge. Shorten the session policy or use fewer managed policies.");
        }
        return Validation.ok();
    }

    private static List<Problem> patternProblems(MappingField field, List<String> patterns) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String pattern : patterns) {
            String problem = Glob.problem(pattern);
            if (problem != null) {
                problems.add(Problem.error(field, problem));
            } else if (!seen.add(pattern)) {
                problems.add(Problem.warning(field, "Pattern '" + pattern + "' is listed twice. Remove one."));
            }
        }
        return problems;
    }

    private static boolean containsWildcard(Object node, String key) {
        if (node instanceof Map<?, ?> object) {
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                if (key.equals(entry.getKey()) && isOrHoldsStar(entry.getValue())) {
                    return true;
                }
                if (containsWildcard(entry.getValue(), key)) {
                    return true;
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                if (containsWildcard(item, key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isOrHoldsStar(Object value) {
        if ("*".equals(value)) {
            return true;
        }
        return value instanceof List<?> list && list.contains("*");
    }

    private static String kind(Object value) {
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value == null ? "null" : "a number";
    }

    private static String firstOffending(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!ok) {
                return String.valueOf(c);
            }
        }
        return "";
    }

    private static String firstOutsideLatin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                return String.valueOf(Character.toChars(text.codePointAt(i)));
            }
        }
        return "";
    }

    /**
     * The chained role, optional: a role ARN in the partition of the mapping's role, not that role itself; with one,
     * the session duration is one hour at most, the limit AWS sets on role chaining.
     */
    public static Validation checkChainedRole(String chainedRoleArn, String roleArn, int sessionDurationSeconds) {
        if (chainedRoleArn == null || chainedRoleArn.isBlank()) {
            return Validation.ok();
        }
        MappingField field = MappingField.CHAINED_ROLE_ARN;
        IamArn chained;
        try {
            chained = IamArn.parseRole(chainedRoleArn.strip());
        } catch (IllegalArgumentException e) {
            return error(field, "The chained role: " + e.getMessage());
        }
        List<Problem> problems = new ArrayList<>();
        IamArn first = null;
        try {
            first = roleArn == null ? null : IamArn.parseRole(roleArn);
        } catch (IllegalArgumentException e) {
            // The role ARN's own check reports this.
        }
        if (first != null && first.sameEntity(chained)) {
            problems.add(Problem.error(
                    field,
                    "The chained role is the mapping's own role. Leave the chained role empty, or name the role"
                            + " the first session should assume."));
        } else if (first != null && first.partition() != chained.partition()) {
            problems.add(Problem.error(
                    field,
                    "The chained role is in partition '" + chained.partition() + "', but the role is in '"
                            + first.partition() + "'. A session can only assume roles of its own partition."));
        }
        if (sessionDurationSeconds > TrustMapping.MAX_CHAINED_SESSION_SECONDS) {
            problems.add(Problem.error(
                    MappingField.SESSION_DURATION,
                    "The session duration is " + sessionDurationSeconds + " seconds, but AWS limits a session"
                            + " obtained by role chaining to " + TrustMapping.MAX_CHAINED_SESSION_SECONDS
                            + " seconds (1 hour), whatever the role's maximum. Set "
                            + TrustMapping.MAX_CHAINED_SESSION_SECONDS
                            + " or less, or remove the chained role. Blocks renew their credentials before they"
                            + " run out."));
        }
        return Validation.of(problems);
    }

    private static Validation error(MappingField field, String message) {
        return Validation.of(List.of(Problem.error(field, message)));
    }

    private static Validation warning(MappingField field, String message) {
        return Validation.of(List.of(Problem.warning(field, message)));
    }
}
