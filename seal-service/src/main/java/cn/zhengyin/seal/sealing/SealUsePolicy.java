package cn.zhengyin.seal.sealing;

import java.util.Set;

/**
 * The 用印审批 policy: the seals each of whose uses on a document needs a second person's approval (four-eyes rule)
 * before the signature is made. Such a seal is refused by the direct sealing API and sealed only through an approved
 * sealing request ({@link SealingRequestService}).
 *
 * @param approvalRequired the seal ids whose every use needs approval (configuration
 *                         {@code zhengyin.sealing.approval-required-seals}; default none)
 */
public record SealUsePolicy(Set<String> approvalRequired) {
    public SealUsePolicy {
        approvalRequired = Set.copyOf(approvalRequired);
    }

    public static SealUsePolicy none() {
        return new SealUsePolicy(Set.of());
    }

    public boolean requiresApproval(String sealId) {
        return approvalRequired.contains(sealId);
    }
}
