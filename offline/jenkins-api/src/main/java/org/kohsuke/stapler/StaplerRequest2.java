// Offline declaration of the Stapler API (see offline/jenkins-api/pom.xml); checked against jenkinsci/stapler
// 2050.v425108fd5089
// core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java: the methods the plugin uses.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

public interface StaplerRequest2 extends HttpServletRequest {
    String getRestOfPath();

    String getOriginalRestOfPath();

    <T> List<T> bindJSONToList(Class<T> type, Object src);
}
