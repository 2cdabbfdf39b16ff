// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/configuration-as-code-plugin
// 2117.vc05a_0b_e6b_f4e
// test-harness/src/main/java/io/jenkins/plugins/casc/misc/ConfiguredWithCode.java. expected() is left out: its default,
// org.junit.Test.None, is JUnit 4, which the offline build does not have.
package io.jenkins.plugins.casc.misc;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Target({METHOD, FIELD})
@Retention(RUNTIME)
public @interface ConfiguredWithCode {
    String[] value();

    String message() default "";
}
