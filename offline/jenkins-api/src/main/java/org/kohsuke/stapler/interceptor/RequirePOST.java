// Offline declaration of the Stapler API (see offline/jenkins-api/pom.xml); checked against jenkinsci/stapler
// 2050.v425108fd5089
// core/src/main/java/org/kohsuke/stapler/interceptor/RequirePOST.java (the interceptor and its nested types are
// runtime-only and left out).
package org.kohsuke.stapler.interceptor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface RequirePOST {}
