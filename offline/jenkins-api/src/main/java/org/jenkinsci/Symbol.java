// Offline declaration (see offline/jenkins-api/pom.xml); checked against jenkinsci/lib-symbol-annotation 8a5658c5
// src/main/java/org/jenkinsci/Symbol.java (version 1.25 is what jenkins-core 2.541.3 brings). @Indexed is left out:
// it only feeds the annotation index at runtime.
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
