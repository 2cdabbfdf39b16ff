package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.XmlFile;
import hudson.model.Item;
import hudson.model.Saveable;
import hudson.model.listeners.ItemListener;
import hudson.model.listeners.SaveableListener;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The latest seal the mappings page made for each folder full name, kept on the controller in its own file under
 * {@code JENKINS_HOME}, outside every folder's {@code config.xml}. A seal proves that mappings were once saved on a
 * folder's page; only this record says they are still the latest. Without it, whoever may write a folder's
 * {@code config.xml} (Item/Configure) could put back an earlier approved one, seal and all, or delete the folder and
 * recreate it from one, and so bring back mappings that were removed since.
 *
 * <p>Records are never dropped: when a folder is deleted, renamed or moved, its record is kept with no seal, so that a
 * folder recreated under the old name from an old file stays refused. A folder with mappings and no record is
 * unapproved. Restoring {@code JENKINS_HOME} (this file with the folders) is an administrator's act and restores the
 * approvals with it.
 */
@Extension
public final class FolderSeals implements Saveable {

    private static final Logger LOGGER = Logger.getLogger(FolderSeals.class.getName());

    /** What a folder's record holds once its page saved no mappings: no seal can equal it. */
    static final String NO_MAPPINGS = "";

    /** Folder full name to its latest seal. Guarded by {@code this}; read from disk on first use. */
    @CheckForNull
    private Map<String, String> latest;

    public static FolderSeals get() {
        return ExtensionList.lookupSingleton(FolderSeals.class);
    }

    /**
     * Makes this seal the folder's latest, and writes the record before returning: the caller saves the folder's
     * mappings after it. Either write failing leaves the two unequal, so the folder is refused, never wrongly approved.
     */
    synchronized void record(String folderFullName, String seal) throws IOException {
        Map<String, String> map = loaded();
        String before = map.put(folderFullName, seal);
        try {
            save();
        } catch (IOException e) {
            // Keep memory as the file is, so that what is used is what a restart would read.
            if (before == null) {
                map.remove(folderFullName);
            } else {
                map.put(folderFullName, before);
            }
            throw e;
        }
    }

    /** Whether this seal is the latest recorded for the folder; compared in constant time. */
    synchronized boolean isLatest(String folderFullName, String seal) {
        String recorded = loaded().get(folderFullName);
        if (recorded == null || recorded.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(recorded.getBytes(StandardCharsets.UTF_8), seal.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the approval of the folder of this full name and of every folder inside it, when it is deleted, renamed or
     * moved: the record stays, with no seal, so that a folder made again under that name from a file saved earlier
     * (even the very latest one) is refused until someone with the permission saves its page.
     */
    synchronized void retire(String fullName) {
        Map<String, String> map = loaded();
        boolean changed = false;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String name = entry.getKey();
            if ((name.equals(fullName) || name.startsWith(fullName + "/"))
                    && !entry.getValue().isEmpty()) {
                entry.setValue(NO_MAPPINGS);
                changed = true;
            }
        }
        if (changed) {
            try {
                save();
            } catch (IOException e) {
                // Refused until a restart here; after one the earlier records would be read again.
                LOGGER.log(
                        Level.SEVERE, "Cannot save the folder seals in " + file() + " after " + fullName + " went", e);
            }
        }
    }

    @Override
    public synchronized void save() throws IOException {
        if (BulkChange.contains(this)) {
            return;
        }
        file().write(this);
        SaveableListener.fireOnChange(this, file());
    }

    private Map<String, String> loaded() {
        if (latest == null) {
            latest = new TreeMap<>();
            XmlFile file = file();
            if (file.exists()) {
                try {
                    // Fills latest in place (XStream's unmarshal onto this object).
                    file.unmarshal(this);
                } catch (IOException e) {
                    // Unreadable: no folder is approved until its page is saved again. Refusing is the safe way.
                    LOGGER.log(
                            Level.WARNING, "Cannot read the folder seals in " + file + "; folder mappings refused", e);
                    latest = new TreeMap<>();
                }
            }
            if (latest == null) {
                latest = new TreeMap<>();
            }
        }
        return latest;
    }

    /** Retires the records of folders that are deleted, renamed or moved; see {@link #retire}. */
    @Extension
    public static final class Retirement extends ItemListener {

        @Override
        public void onDeleted(Item item) {
            get().retire(item.getFullName());
        }

        @Override
        public void onLocationChanged(Item item, String oldFullName, String newFullName) {
            get().retire(oldFullName);
        }
    }

    private static XmlFile file() {
        return new XmlFile(
                Jenkins.XSTREAM2, new File(Jenkins.get().getRootDir(), FolderSeals.class.getName() + ".xml"));
    }
}
