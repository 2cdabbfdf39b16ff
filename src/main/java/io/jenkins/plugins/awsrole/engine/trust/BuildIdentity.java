package io.jenkins.plugins.awsrole.engine.trust;

import java.util.Objects;

/**
 * Who is asking for a role: the facts about one build that trust decisions and identity tokens are made of.
 *
 * <p>The Jenkins layer reads them from the run (job, number, URL, the branch, change request or tag of a multibranch
 * project, whether the build is a replay); the engine never looks at Jenkins objects itself. A build is of at most one
 * kind of head ({@link #refType()}): a branch, a change request (which also has a {@code branch}, the name Jenkins
 * gives it), or a tag (which has no branch, so that no branch rule can ever admit a tag).
 *
 * @param jobFullName the job's full name, for example {@code team/app/main}; not blank
 * @param buildNumber the build number, not negative
 * @param buildUrl the build's absolute URL, or {@code null} when Jenkins has no root URL configured
 * @param branch the branch being built, or {@code null} outside multibranch projects; for a change request, the name
 *     Jenkins gives its head (for example {@code PR-12})
 * @param changeRequestId the change (pull/merge) request number or id, or {@code null} when this is not one
 * @param fromFork whether the change request comes from a fork of the repository (false when not a change request)
 * @param replayed whether the build is a replay (its Pipeline script may have been edited by whoever replayed it)
 * @param tag the tag being built, or {@code null} when the build is not of a tag; a tag build has no branch and no
 *     change request
 */
public record BuildIdentity(
        String jobFullName,
        long buildNumber,
        String buildUrl,
        String branch,
        String changeRequestId,
        boolean fromFork,
        boolean replayed,
        String tag) {

    public BuildIdentity {
        Objects.requireNonNull(jobFullName, "jobFullName");
        if (jobFullName.isBlank()) {
            throw new IllegalArgumentException("A build identity needs the job's full name.");
        }
        if (buildNumber < 0) {
            throw new IllegalArgumentException("The build number must not be negative, got " + buildNumber + ".");
        }
        if (changeRequestId == null && fromFork) {
            throw new IllegalArgumentException("Only a change request can come from a fork.");
        }
        if (tag != null && (tag.isEmpty() || branch != null || changeRequestId != null)) {
            throw new IllegalArgumentException("A tag build has a tag name, and no branch or change request.");
        }
    }

    /** A build of a branch or change request, or of a job outside multibranch projects (no tag). */
    public BuildIdentity(
            String jobFullName,
            long buildNumber,
            String buildUrl,
            String branch,
            String changeRequestId,
            boolean fromFork,
            boolean replayed) {
        this(jobFullName, buildNumber, buildUrl, branch, changeRequestId, fromFork, replayed, null);
    }

    /** An ordinary build of a job outside any multibranch project. */
    public static BuildIdentity ofJob(String jobFullName, long buildNumber, String buildUrl) {
        return new BuildIdentity(jobFullName, buildNumber, buildUrl, null, null, false, false, null);
    }

    /** A build of a tag in a multibranch project. */
    public static BuildIdentity ofTag(
            String jobFullName, long buildNumber, String buildUrl, String tag, boolean replayed) {
        return new BuildIdentity(jobFullName, buildNumber, buildUrl, null, null, false, replayed, tag);
    }

    /** Whether this build is of a tag. */
    public boolean isTag() {
        return tag != null;
    }

    /** The kind of head built, or {@code null} for a job outside multibranch projects. */
    public RefType refType() {
        if (tag != null) {
            return RefType.TAG;
        }
        if (changeRequestId != null) {
            return RefType.CHANGE_REQUEST;
        }
        return branch == null ? null : RefType.BRANCH;
    }

    /** Whether this build is of a change (pull/merge) request rather than a branch. */
    public boolean isChangeRequest() {
        return changeRequestId != null;
    }

    /**
     * The full name of the folder the job is in, or {@code null} for a job at the top level. A branch, change request
     * or tag job of a multibranch project is in that project, so its folder is the project's: {@code team/app/main}
     * on branch {@code main} is in folder {@code team}, a plain job {@code team/deploy} too. Derived from the job's
     * full name (Jenkins item names never contain {@code /}) and from whether the build has a head, both facts the
     * build cannot change.
     */
    public String folder() {
        String parent = parent(jobFullName);
        return refType() == null || parent == null ? parent : parent(parent);
    }

    private static String parent(String fullName) {
        int slash = fullName.lastIndexOf('/');
        return slash <= 0 ? null : fullName.substring(0, slash);
    }
}
