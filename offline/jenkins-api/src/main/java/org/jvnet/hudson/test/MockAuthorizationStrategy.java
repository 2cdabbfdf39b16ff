// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/jenkins-test-harness
// 2578.v44660312fd37
// src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java: grant(...).everywhere().to(String...), with
// the inner classes Grant and GrantOn.
package org.jvnet.hudson.test;

import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import java.util.Set;

public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {
        throw new UnsupportedOperationException();
    }

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException();
    }

    public class Grant {
        Grant(Set<Permission> permissions) {
            throw new UnsupportedOperationException();
        }

        public GrantOn everywhere() {
            throw new UnsupportedOperationException();
        }

        public class GrantOn {
            GrantOn(String regexp) {
                throw new UnsupportedOperationException();
            }

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException();
            }
        }
    }
}
