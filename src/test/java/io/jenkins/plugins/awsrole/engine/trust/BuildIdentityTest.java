package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuildIdentityTest {

    @Test
    void plainJobIsNeitherChangeRequestNorReplay() {
        BuildIdentity id = BuildIdentity.ofJob("team/app", 4, "https://ci.example.com/job/team/job/app/4/");
        assertThat(id.isChangeRequest()).isFalse();
        assertThat(id.replayed()).isFalse();
        assertThat(id.branch()).isNull();
    }

    @Test
    void changeRequestFromFork() {
        BuildIdentity id = new BuildIdentity("team/app/PR-12", 1, null, "PR-12", "12", true, false);
        assertThat(id.isChangeRequest()).isTrue();
        assertThat(id.fromFork()).isTrue();
    }

    @Test
    void eachKindOfHeadHasItsRefType() {
        assertThat(BuildIdentity.ofJob("app", 1, null).refType()).isNull();
        assertThat(new BuildIdentity("team/app/main", 1, null, "main", null, false, false).refType())
                .isEqualTo(RefType.BRANCH);
        assertThat(new BuildIdentity("team/app/PR-1", 1, null, "PR-1", "1", false, false).refType())
                .isEqualTo(RefType.CHANGE_REQUEST);
        BuildIdentity tag = BuildIdentity.ofTag("team/app/v1", 1, null, "v1", false);
        assertThat(tag.refType()).isEqualTo(RefType.TAG);
        assertThat(tag.isTag()).isTrue();
        assertThat(tag.branch()).as("a tag is never a branch").isNull();
        assertThat(tag.isChangeRequest()).isFalse();
        assertThat(RefType.CHANGE_REQUEST.claimValue()).isEqualTo("change_request");
    }

    @Test
    void aTagBuildIsOfNothingElse() {
        assertThatThrownBy(() -> new BuildIdentity("a", 1, null, "main", null, false, false, "v1"))
                .hasMessageContaining("no branch or change request");
        assertThatThrownBy(() -> new BuildIdentity("a", 1, null, null, "1", false, false, "v1"))
                .hasMessageContaining("no branch or change request");
        assertThatThrownBy(() -> BuildIdentity.ofTag("a", 1, null, "", false)).hasMessageContaining("tag name");
    }

    @Test
    void refusesWhatCannotBeTrue() {
        assertThatThrownBy(() -> BuildIdentity.ofJob(" ", 1, null)).hasMessageContaining("full name");
        assertThatThrownBy(() -> BuildIdentity.ofJob("a", -1, null)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new BuildIdentity("a", 1, null, "main", null, true, false))
                .hasMessageContaining("fork");
    }
}
