package cn.zhengyin.seal.sealing;

/** A seal whose policy requires a second person's approval for each use (用印审批) was asked for directly. */
public final class SealingApprovalRequiredException extends RuntimeException {
    public SealingApprovalRequiredException(String sealId) {
        super("seal " + sealId + " requires a second person's approval for each use (用印审批): submit a sealing"
                + " request in the seal console (/console/sealings); it is signed once an approver approves it");
    }
}
