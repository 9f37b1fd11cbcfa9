package cn.zhengyin.seal.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.seal.lifecycle.Organisation;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.ValidityPeriod;
import cn.zhengyin.trust.seal.SealType;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleActionTest {
    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    static final ConsoleUser APPLICANT = new ConsoleUser("wang", "王申", Set.of(ConsoleRole.APPLICANT));
    static final ConsoleUser APPROVER = new ConsoleUser("li", "李审", Set.of(ConsoleRole.APPROVER));
    static final ConsoleUser CLERK = new ConsoleUser("zhou", "周科", Set.of(ConsoleRole.APPLICANT, ConsoleRole.APPROVER));
    static final ConsoleUser ADMIN = new ConsoleUser("zhao", "赵管", Set.of(ConsoleRole.ADMINISTRATOR));

    static Seal appliedBy(String applicant) {
        return Seal.apply(
                        "S-1",
                        new Organisation("证印示范市市场监督管理局", "11110100000000019Q"),
                        SealType.CONTRACT,
                        "",
                        "证印示范市市场监督管理局合同专用章",
                        new ValidityPeriod(NOW, NOW.plusSeconds(86_400 * 365)),
                        applicant,
                        "",
                        NOW)
                .seal();
    }

    @Test
    void anAppliedSealOffersApproveAndRejectToAnotherApproverOnly() {
        Seal seal = appliedBy("wang");
        assertThat(ConsoleAction.available(APPROVER, seal, NOW))
                .containsExactly(ConsoleAction.APPROVE, ConsoleAction.REJECT);
        assertThat(ConsoleAction.available(APPLICANT, seal, NOW)).isEmpty();
        assertThat(ConsoleAction.available(ADMIN, seal, NOW)).isEmpty();
    }

    @Test
    void theApplicantHoldingTheApproverRoleIsNotOfferedApprovalOfTheirOwnApplication() {
        Seal own = appliedBy("zhou");
        assertThat(ConsoleAction.available(CLERK, own, NOW)).containsExactly(ConsoleAction.REJECT);
        assertThat(ConsoleAction.available(CLERK, appliedBy("wang"), NOW))
                .containsExactly(ConsoleAction.APPROVE, ConsoleAction.REJECT);
    }

    @Test
    void anApprovedSealOffersTheAdministratorAnImageAndMaking() {
        Seal approved = appliedBy("wang").approve("li", "", NOW).seal();
        assertThat(ConsoleAction.available(ADMIN, approved, NOW))
                .containsExactly(ConsoleAction.ATTACH_IMAGE, ConsoleAction.MAKE);
        assertThat(ConsoleAction.available(APPROVER, approved, NOW)).isEmpty();
    }

    @Test
    void formValuesRoundTrip() {
        for (ConsoleAction action : ConsoleAction.values()) {
            assertThat(ConsoleAction.ofValue(action.value())).contains(action);
        }
        assertThat(ConsoleAction.ofValue("attach-image")).contains(ConsoleAction.ATTACH_IMAGE);
        assertThat(ConsoleAction.ofValue("approve-all")).isEmpty();
    }
}
