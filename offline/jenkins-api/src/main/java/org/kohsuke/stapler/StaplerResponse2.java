// Offline declaration of the Stapler API (see offline/jenkins-api/pom.xml); checked against jenkinsci/stapler
// 2050.v425108fd5089
// core/src/main/java/org/kohsuke/stapler/StaplerResponse2.java: declared as a type (servlet methods suffice).
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

public interface StaplerResponse2 extends HttpServletResponse {}
