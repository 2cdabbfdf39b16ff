// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/init/Terminator.java: the annotation with its retention, target and the elements that
// need no other type. Left out: @Indexed (it only feeds the annotation index of the real build) and the elements
// after() and before(), whose type TermMilestone implements task-reactor's Milestone; the plugin uses the defaults.
package hudson.init;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Documented
@Retention(RUNTIME)
@Target(METHOD)
public @interface Terminator {
    String[] requires() default {};

    String[] attains() default {};

    String displayName() default "";
}
