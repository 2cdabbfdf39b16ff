// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/main/java/jenkins/scm/api/SCMHeadOrigin.java: the abstract methods and the nested Fork (the nested Default and
// the DEFAULT constant are left out; the Stapler export annotations too).
package jenkins.scm.api;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public abstract class SCMHeadOrigin implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();

    public static class Fork extends SCMHeadOrigin {
        private static final long serialVersionUID = 1L;

        public Fork(@NonNull String name) {
            throw new UnsupportedOperationException();
        }

        @NonNull
        public String getName() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean equals(Object o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int hashCode() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException();
        }
    }
}
