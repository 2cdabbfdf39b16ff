// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/ItemGroup.java: the type only, for the constructors of Job and WorkflowJob. The real
// interface extends FullyNamed, FullyNamedModelObject and PersistenceRoot and has members the tests do not use.
package hudson.model;

public interface ItemGroup<T extends Item> {}
