// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/BuildableItem.java: the type only, as the supertype of
// ParameterizedJobMixIn.ParameterizedJob (the real one imports hudson.model.Queue.Task as Task). Its scheduleBuild
// methods are left out: the tests build through JenkinsRule.
package hudson.model;

public interface BuildableItem extends Item, Queue.Task {}
