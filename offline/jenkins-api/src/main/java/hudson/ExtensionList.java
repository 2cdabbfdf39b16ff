// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/ExtensionList.java: class declaration and lookupSingleton only.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;
import jenkins.util.io.OnMaster;

public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    protected ExtensionList() {
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

    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException();
    }
}
