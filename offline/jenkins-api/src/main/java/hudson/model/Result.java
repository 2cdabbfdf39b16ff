// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Result.java: the constant the tests use. The real class implements Serializable and
// CustomExportedBean; its only constructor is private.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public final class Result {
    public static final @NonNull Result FAILURE = null;

    private Result() {
        throw new UnsupportedOperationException();
    }
}
