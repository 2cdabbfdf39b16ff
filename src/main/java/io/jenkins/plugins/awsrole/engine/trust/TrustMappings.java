package io.jenkins.plugins.awsrole.engine.trust;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole set of trust mappings, with job and branch patterns compiled once, and the access decision.
 *
 * <p>With folders ({@link #withFolders}), the nearest folder around the job that maps the stage decides, by the rules
 * below, and these mappings only when no folder maps it. {@link #decide} checks, in this order, and reports the first
 * rule that fails:
 *
 * <ol>
 *   <li>a mapping has the stage's exact name ({@link DenialReason#UNKNOWN_STAGE}, listing the stages the job may use);
 *   <li>a folder's mappings were approved on its mappings page ({@link DenialReason#UNAPPROVED_FOLDER_MAPPINGS}, see
 *       {@link #unapproved});
 *   <li>its role is not reserved ({@link DenialReason#RESERVED_ROLE});
 *   <li>a folder's mapping is within the administrator's limits ({@link DenialReason#OUTSIDE_FOLDER_LIMITS});
 *   <li>the mapping has no validation errors ({@link DenialReason#INVALID_MAPPING});
 *   <li>the job's full name matches a job pattern ({@link DenialReason#JOB_NOT_ALLOWED});
 *   <li>the build is not a replay, unless replays are allowed ({@link DenialReason#REPLAY_NOT_ALLOWED});
 *   <li>the build is not of a change request, unless they are allowed ({@link DenialReason#CHANGE_REQUEST_NOT_ALLOWED});
 *   <li>a change request does not come from a fork, unless forks are allowed ({@link DenialReason#FORK_NOT_ALLOWED});
 *   <li>a build of a tag matches one of the tag patterns, whatever the branch patterns say ({@link
 *       DenialReason#TAG_NOT_ALLOWED}: no tag patterns, no tags);
 *   <li>otherwise, when branches are listed, the build has a branch ({@link DenialReason#NO_BRANCH}) that matches one
 *       ({@link DenialReason#BRANCH_NOT_ALLOWED}).
 * </ol>
 *
 * The order goes from what only an administrator can change (the configuration) to what the build is (job, how it was
 * started, which branch), so that the reported rule is the one that needs changing first.
 *
 * <p>Stage names are unique ignoring case ({@code Deploy} and {@code deploy} cannot both exist: they would read as the
 * same stage in a Jenkinsfile review); a stage is looked up by its exact name. Immutable and safe to share between
 * threads.
 */
public final class TrustMappings {

    /** Where an administrator changes trust mappings; named in every message that asks for a change. */
    public static final String WHERE_TO_CHANGE =
            "Manage Jenkins > System > AWS OIDC Role, or JCasC unclassified.awsOidcRole.mappings";

    private final List<Entry> entries;
    private final List<IamArn> reservedRoles;
    private final Validation validation;

    /** The folder these mappings belong to (their job patterns are relative to it), or {@code null} for global ones. */
    private final String folder;

    /** The folders' mappings consulted before these, or {@code null} for none (see {@link #withFolders}). */
    private final FolderSource folders;

    /** Where the mappings are changed, for the messages. */
    private final String whereToChange;

    /** A folder's mappings that were not approved on its page: every stage they map is refused, none usable. */
    private final boolean unapproved;

    private TrustMappings(List<Entry> entries, List<IamArn> reservedRoles, Validation validation) {
        this(entries, reservedRoles, validation, null, null, WHERE_TO_CHANGE, false);
    }

    private TrustMappings(
            List<Entry> entries,
            List<IamArn> reservedRoles,
            Validation validation,
            String folder,
            FolderSource folders,
            String whereToChange,
            boolean unapproved) {
        this.entries = entries;
        this.reservedRoles = reservedRoles;
        this.validation = validation;
        this.folder = folder;
        this.folders = folders;
        this.whereToChange = whereToChange;
        this.unapproved = unapproved;
    }

    /**
     * Where the mappings of the folders around a job come from: the Jenkins layer reads them from the folders'
     * properties. Each is a set made by {@link #forFolder}.
     */
    public interface FolderSource {
        /** The mapping sets of the folders that hold this job, nearest folder first; none outside folders. */
        List<TrustMappings> enclosing(String jobFullName);

        /** The mapping sets of every folder that has some, for the exports and the drift check. */
        List<TrustMappings> all();
    }

    /** Mappings with no reserved roles. */
    public static TrustMappings of(List<TrustMapping> mappings) {
        return of(mappings, List.of());
    }

    /**
     * Mappings, and the roles no build may ever have (the plugin's revoker role). Never throws for bad mappings: they
     * are reported by {@link #validate()} and refused by {@link #decide}.
     *
     * @param reservedRoleArns role ARNs; a mapping names a reserved role when partition, account and role name
     *     (ignoring case and path, as IAM does) are the same
     * @throws IllegalArgumentException when a reserved role ARN is not a role ARN
     */
    public static TrustMappings of(List<TrustMapping> mappings, Collection<String> reservedRoleArns) {
        List<IamArn> reserved = new ArrayList<>();
        for (String arn : reservedRoleArns) {
            reserved.add(IamArn.parseRole(arn));
        }
        List<List<Problem>> problems = new ArrayList<>();
        for (TrustMapping mapping : mappings) {
            problems.add(new ArrayList<>(TrustMappingValidator.validate(mapping).problems()));
        }
        addDuplicateNameProblems(mappings, problems);
        addReservedRoleProblems(mappings, reserved, problems);
        addExposedChainProblems(mappings, problems);

        List<Entry> entries = new ArrayList<>();
        List<Problem> all = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            Validation own = Validation.of(problems.get(i));
            entries.add(new Entry(mappings.get(i), own));
            all.addAll(own.problems());
        }
        return new TrustMappings(List.copyOf(entries), List.copyOf(reserved), Validation.of(all));
    }

    /**
     * The mappings of one folder: each applies only to the jobs inside the folder, and its job patterns are relative to
     * the folder ({@code app/*} in folder {@code team} matches {@code team/app/main}), so no pattern can reach a job
     * outside it. Besides each mapping's own checks, reserved roles and unique stage names, every mapping must stay
     * within {@code limits} (refused at use with {@link DenialReason#OUTSIDE_FOLDER_LIMITS}), and a job pattern may not
     * name a parent ({@code ..}).
     *
     * @param folder the folder's full name, such as {@code teams/payments}
     * @param mappings the folder's mappings; their {@link TrustMapping#folder()} is set to {@code folder}
     * @throws IllegalArgumentException when a reserved role ARN is not a role ARN
     */
    public static TrustMappings forFolder(
            String folder, List<TrustMapping> mappings, Collection<String> reservedRoleArns, FolderLimits limits) {
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("A folder's mappings need the folder's full name.");
        }
        List<TrustMapping> owned = new ArrayList<>(mappings.size());
        for (TrustMapping mapping : mappings) {
            owned.add(mapping.toBuilder().folder(folder).build());
        }
        TrustMappings plain = of(owned, reservedRoleArns);
        List<Entry> entries = new ArrayList<>();
        List<Problem> all = new ArrayList<>();
        for (Entry entry : plain.entries) {
            List<Problem> own = new ArrayList<>(entry.validation.problems());
            own.addAll(parentPatternProblems(entry.mapping));
            List<Problem> outside = limits.check(entry.mapping);
            entries.add(new Entry(entry.mapping, Validation.of(own), Validation.of(outside)));
            all.addAll(own);
            all.addAll(outside);
        }
        return new TrustMappings(
                List.copyOf(entries),
                plain.reservedRoles,
                Validation.of(all),
                folder,
                null,
                "the folder '" + folder + "' > AWS role mappings, where someone with the AWS OIDC Role/Folder"
                        + " mappings permission on it changes them",
                false);
    }

    /**
     * These folder mappings, marked as not approved: their seal is missing or does not match, because they were
     * written some other way than the folder's mappings page ({@code config.xml}, Job DSL, a copied or moved folder).
     * Every stage they map is refused with {@link DenialReason#UNAPPROVED_FOLDER_MAPPINGS}; they still map the stage,
     * so the refusal never falls through to a folder further out or to the global mappings, and none of them is
     * {@linkplain #usable() usable} (the exports and the drift check leave them out).
     *
     * @throws IllegalStateException for global mappings, which have no seal
     */
    public TrustMappings unapproved() {
        if (folder == null) {
            throw new IllegalStateException("Only a folder's mappings are approved on a page.");
        }
        return new TrustMappings(entries, reservedRoles, validation, folder, folders, whereToChange, true);
    }

    /** Whether these are a folder's mappings that were not approved on its page (see {@link #unapproved}). */
    public boolean isUnapproved() {
        return unapproved;
    }

    /**
     * What happened to a folder's unapproved mappings and what to do, for the build's log and the folder's page alike.
     */
    public static String unapprovedMessage(String folder) {
        return "The mappings of folder '" + folder + "' were changed outside its AWS role mappings page (config.xml,"
                + " Job DSL, a copy or move); someone with the 'Folder mappings' permission opens that page and saves"
                + " them to approve them.";
    }

    /**
     * These mappings, consulted after the folders' around the job: the nearest folder that maps the stage decides, and
     * these (the global ones) only when no folder maps it. A folder that maps the stage decides even when it refuses
     * the build: a refusal never falls through to a mapping further out.
     */
    public TrustMappings withFolders(FolderSource source) {
        return new TrustMappings(entries, reservedRoles, validation, folder, source, whereToChange, unapproved);
    }

    /** The folder these mappings belong to, or {@code null} for global mappings. */
    public String folder() {
        return folder;
    }

    /** The mapping sets of every folder (none unless {@link #withFolders} gave a source). */
    public List<TrustMappings> folderSets() {
        return folders == null ? List.of() : folders.all();
    }

    /**
     * The mappings a build could be granted, in configured order: those without errors and, in a folder, within the
     * limits. The exports and the drift check describe these.
     */
    public List<TrustMapping> usable() {
        List<TrustMapping> usable = new ArrayList<>();
        if (unapproved) {
            return usable;
        }
        for (Entry entry : entries) {
            if (entry.usable()) {
                usable.add(entry.mapping);
            }
        }
        return usable;
    }

    /** Every problem of every mapping, and of the set (duplicate names, reserved roles). */
    public Validation validate() {
        return validation;
    }

    /** The mappings, in configured order. */
    public List<TrustMapping> all() {
        List<TrustMapping> all = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            all.add(entry.mapping);
        }
        return all;
    }

    /** The names of the usable stages (no errors) whose job patterns match this job, in configured order. */
    public List<String> stagesFor(String jobFullName) {
        List<String> stages = new ArrayList<>();
        if (folders != null) {
            for (TrustMappings set : folders.enclosing(jobFullName)) {
                for (String stage : set.stagesFor(jobFullName)) {
                    if (!stages.contains(stage)) {
                        stages.add(stage);
                    }
                }
            }
        }
        String name = nameInScope(jobFullName);
        for (Entry entry : entries) {
            if (!unapproved
                    && entry.usable()
                    && name != null
                    && entry.jobs.matchesAny(name)
                    && !stages.contains(entry.mapping.stage())) {
                stages.add(entry.mapping.stage());
            }
        }
        return stages;
    }

    /** The job's name as this set's job patterns see it: relative in a folder, {@code null} outside the folder. */
    private String nameInScope(String jobFullName) {
        if (folder == null) {
            return jobFullName;
        }
        String prefix = folder + "/";
        return jobFullName.startsWith(prefix) && jobFullName.length() > prefix.length()
                ? jobFullName.substring(prefix.length())
                : null;
    }

    private static List<Problem> parentPatternProblems(TrustMapping mapping) {
        List<Problem> problems = new ArrayList<>();
        for (String pattern : mapping.jobs()) {
            for (String segment : pattern.split("/", -1)) {
                if (segment.equals("..") || segment.equals(".")) {
                    problems.add(new Problem(
                            Problem.Severity.ERROR,
                            mapping.stage().isEmpty() ? null : mapping.stage(),
                            MappingField.JOBS,
                            "Job pattern '" + pattern + "' names '" + segment + "': a folder mapping's job patterns"
                                    + " are relative to the folder and reach only the jobs inside it. Write the"
                                    + " path below the folder, such as app/* or **."));
                    break;
                }
            }
        }
        return problems;
    }

    /**
     * Whether this build may have this stage's role; see the class description for the order of the rules.
     *
     * @param stage the stage the build asks for, exactly as written in the Pipeline
     * @param build the build asking
     */
    public AccessDecision decide(String stage, BuildIdentity build) {
        if (folders != null && stage != null) {
            for (TrustMappings set : folders.enclosing(build.jobFullName())) {
                if (set.find(stage) != null) {
                    return set.decide(stage, build);
                }
            }
        }
        Entry entry = find(stage);
        if (entry == null) {
            return AccessDecision.deny(DenialReason.UNKNOWN_STAGE, stage, unknownStage(stage, build));
        }
        TrustMapping mapping = entry.mapping;
        String name = mapping.stage();
        if (unapproved) {
            return AccessDecision.deny(
                    DenialReason.UNAPPROVED_FOLDER_MAPPINGS,
                    name,
                    "Stage '" + name + "' of folder '" + folder + "' cannot be used. " + unapprovedMessage(folder));
        }
        if (isReserved(mapping.roleArn())) {
            return AccessDecision.deny(
                    DenialReason.RESERVED_ROLE,
                    name,
                    "Stage '" + name + "' maps to role " + mapping.roleArn() + ", which is reserved for revoking"
                            + " sessions, reading trust, or (for folder mappings) starting a global chained stage:"
                            + " no build may have it. An administrator maps stage '" + name
                            + "' to another role (" + whereToChange + ").");
        }
        if (entry.outsideLimits.hasErrors()) {
            return AccessDecision.deny(
                    DenialReason.OUTSIDE_FOLDER_LIMITS,
                    name,
                    "Stage '" + name + "' of folder '" + folder + "' cannot be used: its mapping goes beyond what"
                            + " folders may map:\n" + describeErrors(entry.outsideLimits));
        }
        if (mapping.chained() && isReservedForChain(mapping.chainedRoleArn(), reservedRoles)) {
            return AccessDecision.deny(
                    DenialReason.RESERVED_ROLE,
                    name,
                    "Stage '" + name + "' chains to role " + mapping.chainedRoleArn() + ", which is reserved for the"
                            + " plugin itself: no build may have it. An administrator chains stage '" + name
                            + "' to another role (" + whereToChange + ").");
        }
        if (!entry.usable()) {
            return AccessDecision.deny(
                    DenialReason.INVALID_MAPPING,
                    name,
                    "Stage '" + name + "' cannot be used: its trust mapping has errors. An administrator fixes them"
                            + " (" + whereToChange + "):\n" + describeErrors(entry.validation));
        }
        String job = build.jobFullName();
        String jobInScope = nameInScope(job);
        if (jobInScope == null || !entry.jobs.matchesAny(jobInScope)) {
            return AccessDecision.deny(DenialReason.JOB_NOT_ALLOWED, name, jobNotAllowed(entry, build));
        }
        String buildName = "Build #" + build.buildNumber() + " of job '" + job + "'";
        if (build.replayed() && !mapping.replaysAllowed()) {
            return AccessDecision.deny(
                    DenialReason.REPLAY_NOT_ALLOWED,
                    name,
                    buildName + " is a replay, and stage '" + name + "' does not allow replayed builds (a replay"
                            + " can run an edited script, and a Rebuild or a Restart from Stage of a replay runs that"
                            + " script again). Start the build normally (Build Now, or from the"
                            + " repository), or an administrator allows replayed builds for stage '" + name + "' ("
                            + whereToChange + ").");
        }
        if (build.isChangeRequest() && !mapping.changeRequestsAllowed()) {
            return AccessDecision.deny(
                    DenialReason.CHANGE_REQUEST_NOT_ALLOWED,
                    name,
                    buildName + " builds change request " + build.changeRequestId() + ", and stage '" + name
                            + "' does not allow change requests. Use the stage from a branch build once the"
                            + " change is merged, or an administrator allows change requests for stage '" + name
                            + "' (" + whereToChange + ").");
        }
        if (build.isChangeRequest() && build.fromFork() && !mapping.forkChangeRequestsAllowed()) {
            return AccessDecision.deny(
                    DenialReason.FORK_NOT_ALLOWED,
                    name,
                    buildName + " builds change request " + build.changeRequestId() + ", which comes from a fork,"
                            + " and stage '" + name + "' does not allow change requests from forks (their code"
                            + " comes from outside the repository). Push the change to a branch of the repository"
                            + " itself, or an administrator allows change requests from forks for stage '" + name
                            + "' (" + whereToChange + ").");
        }
        if (build.isTag()) {
            if (!entry.tags.matchesAny(build.tag())) {
                return AccessDecision.deny(DenialReason.TAG_NOT_ALLOWED, name, tagNotAllowed(entry, build));
            }
            return AccessDecision.allow(mapping, build);
        }
        if (!entry.branches.isEmpty()) {
            if (build.branch() == null) {
                return AccessDecision.deny(
                        DenialReason.NO_BRANCH,
                        name,
                        buildName + " builds no branch (it is not in a multibranch project), and stage '" + name
                                + "' only allows branches " + entry.branches + ". Use the stage from a multibranch"
                                + " job on one of those branches, or an administrator clears the branches of"
                                + " stage '" + name + "' (" + whereToChange + ").");
            }
            if (!entry.branches.matchesAny(build.branch())) {
                return AccessDecision.deny(DenialReason.BRANCH_NOT_ALLOWED, name, branchNotAllowed(entry, build));
            }
        }
        return AccessDecision.allow(mapping, build);
    }

    private Entry find(String stage) {
        if (stage == null) {
            return null;
        }
        for (Entry entry : entries) {
            if (entry.mapping.stage().equals(stage)) {
                return entry;
            }
        }
        return null;
    }

    private boolean isReserved(String roleArn) {
        IamArn role;
        try {
            role = IamArn.parseRole(roleArn);
        } catch (IllegalArgumentException e) {
            return false; // an invalid mapping, refused before this check
        }
        for (IamArn reserved : reservedRoles) {
            if (reserved.sameEntity(role)) {
                return true;
            }
        }
        return false;
    }

    private String unknownStage(String stage, BuildIdentity build) {
        String job = build.jobFullName();
        StringBuilder message = new StringBuilder();
        if (stage == null || stage.isBlank()) {
            message.append("No stage was given. Name one: withAwsRole(stage: '…').");
        } else {
            message.append("There is no stage '").append(stage).append("'.");
            for (Entry entry : entries) {
                if (entry.mapping.stage().equalsIgnoreCase(stage)) {
                    message.append(" Did you mean '")
                            .append(entry.mapping.stage())
                            .append("'? Stage names are case-sensitive.");
                    break;
                }
            }
        }
        List<String> usable = stagesFor(job);
        if (!usable.isEmpty()) {
            message.append(" Stages job '")
                    .append(job)
                    .append("' may use: ")
                    .append(String.join(", ", usable))
                    .append('.');
        } else if (entries.isEmpty()
                && (folders == null || folders.enclosing(job).isEmpty())) {
            message.append(" No trust mappings are configured yet: an administrator adds them (")
                    .append(whereToChange)
                    .append(").");
        } else {
            message.append(" Job '")
                    .append(job)
                    .append("' may use no stage: no trust mapping lists it among its jobs. An administrator adds it")
                    .append(" to the jobs of a trust mapping (")
                    .append(whereToChange)
                    .append(").");
        }
        return message.toString();
    }

    private String jobNotAllowed(Entry entry, BuildIdentity build) {
        String job = build.jobFullName();
        String name = entry.mapping.stage();
        // In a folder, the patterns are relative to it: suggest the name below the folder.
        String inScope = nameInScope(job);
        String suggested = inScope == null ? job : inScope;
        int slash = suggested.lastIndexOf('/');
        String suggestion = slash > 0
                ? "'" + suggested + "' or a pattern such as '" + suggested.substring(0, slash) + "/**'"
                : "'" + suggested + "'";
        List<String> usable = stagesFor(job);
        return "Job '" + job + "' may not use stage '" + name + "': it matches none of the stage's job patterns "
                + entry.jobs + ". An administrator adds " + suggestion + " to the jobs of stage '" + name + "' ("
                + whereToChange + ")."
                + (usable.isEmpty()
                        ? " This job may use no stage at present."
                        : " Stages this job may use: " + String.join(", ", usable) + ".");
    }

    private String branchNotAllowed(Entry entry, BuildIdentity build) {
        String name = entry.mapping.stage();
        String branch = build.branch();
        String hint = build.isChangeRequest()
                ? " A change request is matched by the name Jenkins gives it (here '" + branch + "'): a pattern such"
                        + " as 'PR-*' admits change requests."
                : "";
        return "Branch '" + branch + "' of job '" + build.jobFullName() + "' may not use stage '" + name
                + "': it matches none of the stage's branch patterns " + entry.branches + ". Use the stage from an"
                + " allowed branch, or an administrator adds '" + branch + "' or a pattern that matches it to the"
                + " branches of stage '" + name + "' (" + whereToChange + ")." + hint;
    }

    private String tagNotAllowed(Entry entry, BuildIdentity build) {
        String name = entry.mapping.stage();
        String tag = build.tag();
        String start = "Build #" + build.buildNumber() + " of job '" + build.jobFullName() + "' builds tag '" + tag
                + "', and stage '" + name + "'";
        String rule = entry.tags.isEmpty()
                ? start + " allows no tags (branch patterns never admit a tag, whatever its name)."
                : start + " allows only tags matching " + entry.tags + ".";
        return rule + " Use the stage from an allowed branch, or an administrator adds '" + tag + "' or a pattern"
                + " that matches it to the tags of stage '" + name + "' (" + whereToChange + ").";
    }

    private static String describeErrors(Validation validation) {
        StringBuilder errors = new StringBuilder();
        for (Problem problem : validation.errors()) {
            if (errors.length() > 0) {
                errors.append('\n');
            }
            errors.append("- ").append(problem.describe());
        }
        return errors.toString();
    }

    private static void addDuplicateNameProblems(List<TrustMapping> mappings, List<List<Problem>> problems) {
        Map<String, List<Integer>> byName = new TreeMap<>();
        for (int i = 0; i < mappings.size(); i++) {
            String stage = mappings.get(i).stage();
            if (!stage.isEmpty()) {
                byName.computeIfAbsent(stage.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(i);
            }
        }
        for (List<Integer> same : byName.values()) {
            if (same.size() < 2) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (int i : same) {
                names.add("'" + mappings.get(i).stage() + "'");
            }
            for (int i : same) {
                String stage = mappings.get(i).stage();
                problems.get(i)
                        .add(new Problem(
                                Problem.Severity.ERROR,
                                stage,
                                MappingField.STAGE,
                                "Stage names must be unique, ignoring case, and " + String.join(", ", names)
                                        + " are " + same.size() + " mappings with one name. Rename or remove"
                                        + " all but one."));
            }
        }
    }

    private static void addReservedRoleProblems(
            List<TrustMapping> mappings, List<IamArn> reserved, List<List<Problem>> problems) {
        for (int i = 0; i < mappings.size(); i++) {
            TrustMapping mapping = mappings.get(i);
            IamArn role;
            try {
                role = IamArn.parseRole(mapping.roleArn());
            } catch (IllegalArgumentException e) {
                continue; // reported by the role ARN check
            }
            for (IamArn r : reserved) {
                if (r.sameEntity(role)) {
                    problems.get(i)
                            .add(new Problem(
                                    Problem.Severity.ERROR,
                                    mapping.stage().isEmpty() ? null : mapping.stage(),
                                    MappingField.ROLE_ARN,
                                    "Role " + mapping.roleArn() + " is the role the plugin uses to revoke sessions;"
                                            + " no build may have it. Map this stage to another role."));
                    break;
                }
            }
            if (mapping.chained() && isReservedForChain(mapping.chainedRoleArn(), reserved)) {
                problems.get(i)
                        .add(new Problem(
                                Problem.Severity.ERROR,
                                mapping.stage().isEmpty() ? null : mapping.stage(),
                                MappingField.CHAINED_ROLE_ARN,
                                "Role " + mapping.chainedRoleArn() + " is, or is named like, a role the plugin"
                                        + " keeps for itself (revoking sessions, the drift check), which the plugin"
                                        + " assumes by that name in other accounts; no build may have it. Chain to"
                                        + " another role."));
            }
        }
    }

    /**
     * A role that is the first role of a chain must never be the role a block gets: a build that holds its credentials
     * could call {@code AssumeRole} itself and reach the chained role without the chained stage's rules (jobs,
     * branches, tags, change requests, replays). The error goes on the mapping whose block would get it.
     */
    private static void addExposedChainProblems(List<TrustMapping> mappings, List<List<Problem>> problems) {
        for (int i = 0; i < mappings.size(); i++) {
            TrustMapping exposed = mappings.get(i);
            IamArn blockRole;
            try {
                blockRole = IamArn.parseRole(exposed.blockRoleArn());
            } catch (IllegalArgumentException e) {
                continue; // reported by the role's own check
            }
            for (TrustMapping chain : mappings) {
                if (!chain.chained()) {
                    continue;
                }
                IamArn first;
                try {
                    first = IamArn.parseRole(chain.roleArn());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (first.sameEntity(blockRole)) {
                    problems.get(i)
                            .add(new Problem(
                                    Problem.Severity.ERROR,
                                    exposed.stage().isEmpty() ? null : exposed.stage(),
                                    exposed.chained() ? MappingField.CHAINED_ROLE_ARN : MappingField.ROLE_ARN,
                                    "Role " + exposed.blockRoleArn() + " is the first role of stage '"
                                            + chain.stage() + "', which chains to " + chain.chainedRoleArn()
                                            + ". A block of this stage would get its credentials and could assume "
                                            + chain.chainedRoleArn() + " itself, without the rules of stage '"
                                            + chain.stage() + "'. Give this stage another role, or give stage '"
                                            + chain.stage() + "' a first role of its own."));
                    break;
                }
            }
        }
    }

    /**
     * Whether a chained role is reserved: a reserved role itself, or its namesake (same name) in any account, which
     * the revoker assumes to revoke chained sessions there ({@code RevokerAccounts}).
     */
    private static boolean isReservedForChain(String chainedRoleArn, List<IamArn> reserved) {
        IamArn role;
        try {
            role = IamArn.parseRole(chainedRoleArn);
        } catch (IllegalArgumentException e) {
            return false; // reported by the chained role's check
        }
        for (IamArn r : reserved) {
            if (r.partition() == role.partition() && r.name().equalsIgnoreCase(role.name())) {
                return true;
            }
        }
        return false;
    }

    /** A mapping with its own problems and its compiled patterns (empty when invalid). */
    private static final class Entry {
        final TrustMapping mapping;
        final Validation validation;
        final GlobSet jobs;
        final GlobSet branches;
        final GlobSet tags;

        /** For a folder's mapping, how it goes beyond the administrator's limits; none for global mappings. */
        final Validation outsideLimits;

        Entry(TrustMapping mapping, Validation validation) {
            this(mapping, validation, Validation.ok());
        }

        Entry(TrustMapping mapping, Validation validation, Validation outsideLimits) {
            this.mapping = mapping;
            this.validation = validation;
            this.outsideLimits = outsideLimits;
            this.jobs = compileOrEmpty(mapping.jobs());
            this.branches = compileOrEmpty(mapping.branches());
            this.tags = compileOrEmpty(mapping.tags());
        }

        boolean usable() {
            return !validation.hasErrors() && !outsideLimits.hasErrors();
        }

        private static GlobSet compileOrEmpty(List<String> patterns) {
            try {
                return GlobSet.compile(patterns);
            } catch (IllegalArgumentException e) {
                // Reported by validation; an invalid mapping is never used.
                return GlobSet.compile(List.of());
            }
        }
    }
}
