// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/util/PersistedList.java: the superclass of DescribableList with add(T), which the tests
// use, and get(int) and size(), which the real class implements for AbstractList. Left out: the fields, the other
// constructors and members, the nested ConverterImpl, and the @WithBridgeMethods(void.class) annotation on add (from
// bridge-method-injector, which the offline build does not have).
package hudson.util;

import java.util.AbstractList;

public class PersistedList<T> extends AbstractList<T> {
    protected PersistedList() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean add(T item) {
        throw new UnsupportedOperationException();
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException();
    }
}
