package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The text a folder's mappings are sealed over: every field of every mapping, their order and the folder's name change
 * it, and so the MAC; equal mappings give equal text. The Jenkins layer MACs it with the controller's key; here a plain
 * HMAC stands in for it.
 */
class FolderSealTextTest {

    private static final String FOLDER = "teams/payments";

    /** A mapping with every field away from its default, so that each can be changed either way. */
    private static TrustMapping full() {
        return TrustMapping.builder()
                .stage("deploy")
                .roleArn("arn:aws:iam::111122223333:role/team-deploy")
                .region("eu-west-1")
                .sessionDurationSeconds(1800)
                .sessionPolicy("{\"Version\":\"2012-10-17\"}")
                .managedPolicyArns(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"))
                .audience("custom-audience")
                .jobs(List.of("app/*"))
                .branches(List.of("main"))
                .tags(List.of("v*"))
                .changeRequestsAllowed(true)
                .forkChangeRequestsAllowed(false)
                .replaysAllowed(true)
                .sessionTags(false)
                .sourceIdentity(true)
                .revocation(false)
                .maskAccountId(true)
                .build();
    }

    private static String mac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test key, not the controller's".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The mapping with one record component changed; found by reflection, so that a field added later is covered. */
    private static TrustMapping changed(TrustMapping mapping, int index) throws Exception {
        RecordComponent[] components = TrustMapping.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getAccessor().invoke(mapping);
            types[i] = components[i].getType();
        }
        Object value = values[index];
        if (types[index] == String.class) {
            values[index] = value + "x";
        } else if (types[index] == int.class) {
            values[index] = (Integer) value + 1;
        } else if (types[index] == boolean.class) {
            values[index] = !(Boolean) value;
        } else if (types[index] == List.class) {
            List<Object> list = new ArrayList<>((List<?>) value);
            list.add("extra");
            values[index] = list;
        } else {
            throw new AssertionError("A record component of a type this test cannot change: " + components[index]);
        }
        Constructor<TrustMapping> constructor = TrustMapping.class.getDeclaredConstructor(types);
        return constructor.newInstance(values);
    }

    @Test
    void everyFieldOfAMappingChangesTheTextAndTheMac() throws Exception {
        TrustMapping base = full();
        String text = FolderSealText.of(FOLDER, List.of(base));
        RecordComponent[] components = TrustMapping.class.getRecordComponents();
        int checked = 0;
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (name.equals("folder")) {
                continue; // the folder's name is given on its own, tested below
            }
            String other = FolderSealText.of(FOLDER, List.of(changed(base, i)));
            assertThat(other).as("changing " + name).isNotEqualTo(text);
            assertThat(mac(other)).as("the MAC after changing " + name).isNotEqualTo(mac(text));
            checked++;
        }
        assertThat(checked).as("every field but the folder").isEqualTo(components.length - 1);
    }

    @Test
    void theFolderNameTheOrderAndTheNumberOfMappingsChangeTheText() throws Exception {
        TrustMapping deploy = full();
        TrustMapping read = full().toBuilder().stage("read").build();
        String text = FolderSealText.of(FOLDER, List.of(deploy, read));

        assertThat(FolderSealText.of("teams/payments-copy", List.of(deploy, read)))
                .isNotEqualTo(text);
        assertThat(FolderSealText.of("teams", List.of(deploy, read))).isNotEqualTo(text);
        assertThat(FolderSealText.of(FOLDER, List.of(read, deploy))).isNotEqualTo(text);
        assertThat(FolderSealText.of(FOLDER, List.of(deploy))).isNotEqualTo(text);
        assertThat(FolderSealText.of(FOLDER, List.of())).isNotEqualTo(FolderSealText.of("teams", List.of()));
        assertThat(mac(FolderSealText.of("teams/payments-copy", List.of(deploy, read))))
                .isNotEqualTo(mac(text));
    }

    @Test
    void noValueCanPassForAFieldBoundary() {
        TrustMapping two = full().toBuilder().jobs(List.of("a", "b")).build();
        TrustMapping joined = full().toBuilder().jobs(List.of("a\nb")).build();
        TrustMapping moved = full().toBuilder()
                .jobs(List.of("a"))
                .branches(List.of("b", "main"))
                .build();

        assertThat(FolderSealText.of(FOLDER, List.of(two)))
                .isNotEqualTo(FolderSealText.of(FOLDER, List.of(joined)))
                .isNotEqualTo(FolderSealText.of(FOLDER, List.of(moved)));
        // A stage name that reads like the next field does not read as it.
        TrustMapping forged = full().toBuilder().stage("deploy\nroleArn=4:evil").build();
        assertThat(FolderSealText.of(FOLDER, List.of(forged))).isNotEqualTo(FolderSealText.of(FOLDER, List.of(full())));
    }

    @Test
    void equalMappingsGiveEqualText() {
        assertThat(FolderSealText.of(FOLDER, List.of(full()))).isEqualTo(FolderSealText.of(FOLDER, List.of(full())));
    }
}
