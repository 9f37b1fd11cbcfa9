package cn.zhengyin.seal.sealing;

import cn.zhengyin.trust.sealing.SealingRefusedException;

/** The problem type (…/problems/&lt;type&gt;) of POST /api/v1/sealings for each refusal of a document or placement. */
public final class SealingProblemTypes {
    private SealingProblemTypes() {}

    public static String of(SealingRefusedException e) {
        return switch (e.reason()) {
            case NOT_A_DOCUMENT -> "unsupported-document";
            case ENCRYPTED -> "document-encrypted";
            case NO_CHANGES_ALLOWED -> "document-locked";
            case ACTIVE_CONTENT -> "document-active-content";
            case TOO_LARGE -> "document-too-large";
            case TOO_MANY_PAGES -> "document-too-many-pages";
            case KEYWORD_NOT_FOUND -> "keyword-not-found";
            case OFF_PAGE -> "seal-off-page";
            case UNSUPPORTED_PLACEMENT -> "unsupported-placement";
        };
    }
}
