// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/configuration-as-code-plugin
// 2117.vc05a_0b_e6b_f4e
// test-harness/src/main/java/io/jenkins/plugins/casc/misc/ConfiguredWithCode.java: value() only. The members
// expected() (default org.junit.Test.None.class, a JUnit 4 type the offline build does not have) and message() have
// defaults and are left out; the tests do not set them.
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
}
