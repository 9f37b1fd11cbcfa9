package cn.zhengyin.licence.transparency;

import cn.zhengyin.licence.transparency.TransparencyViews.TransparencyEvidence;
import java.util.Optional;

/** Proof that a licence version's events are in the transparency log. */
public interface TransparencyEvidenceSource {

    /**
     * @param identifier a licence version's full identifier
     * @return its logged events, each with an inclusion proof in the latest signed tree head; empty if none is logged
     */
    Optional<TransparencyEvidence> evidenceFor(String identifier);

    /** No log (unit tests). */
    TransparencyEvidenceSource NONE = identifier -> Optional.empty();
}
