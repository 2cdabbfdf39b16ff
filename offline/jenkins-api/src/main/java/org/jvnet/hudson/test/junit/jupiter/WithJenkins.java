// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/jenkins-test-harness
// 2578.v44660312fd37
// src/main/java/org/jvnet/hudson/test/junit/jupiter/WithJenkins.java. The runtime-only meta-annotation
// @ExtendWith(JenkinsExtension.class) is left out: the offline build never runs *JenkinsTest classes.
package org.jvnet.hudson.test.junit.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WithJenkins {}
