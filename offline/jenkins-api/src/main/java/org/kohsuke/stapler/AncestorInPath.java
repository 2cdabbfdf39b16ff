// Offline declaration of the Stapler API (see offline/jenkins-api/pom.xml); checked against jenkinsci/stapler
// 2050.v425108fd5089
// core/src/main/java/org/kohsuke/stapler/AncestorInPath.java (@InjectedParameter and the nested HandlerImpl are
// runtime-only).
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface AncestorInPath {}
