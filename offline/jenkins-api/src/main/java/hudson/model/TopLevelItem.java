// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/TopLevelItem.java: the type only, for JenkinsRule.createProject. The real interface
// also extends ExtensionPoint and Describable<TopLevelItem> and declares getDescriptor(), which the tests do not use.
package hudson.model;

public interface TopLevelItem extends Item {}
