// Offline declaration of the Stapler API (see offline/jenkins-api/pom.xml); checked against jenkinsci/stapler
// 2050.v425108fd5089
// core/src/main/java/org/kohsuke/stapler/HttpResponse.java (the deprecated javax overload is left out).
package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.io.IOException;

public interface HttpResponse {
    default void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
            throws IOException, ServletException {
        throw new UnsupportedOperationException();
    }
}
