package cn.zhengyin.licence.sealing;

import java.util.List;
import java.util.function.Supplier;

/**
 * Port: seals the renditions of one licence together (issue #18). The sealings (each a {@link LicenceSealer},
 * {@link XmlSealer} or {@link OfdSealer} at work, with the rendering it needs) run at the same time, and whatever they
 * ask of the seal's holder travels together: with the seal service, the three signatures go in one request and the
 * time-stamps that follow from them in one more, instead of one request after another. Every signature is still
 * authorised, logged and time-stamped on its own; a sealing fails exactly as it would alone.
 */
public interface JointSealing {

    /**
     * @return each sealing's result, in order
     * @throws RuntimeException the failure of the first sealing (in the list's order) that failed, once all have ended
     */
    <T> List<T> together(List<Supplier<T>> sealings);

    /** One sealing after another on the caller's thread: nothing travels together. */
    JointSealing ONE_AFTER_ANOTHER = new JointSealing() {
        @Override
        public <T> List<T> together(List<Supplier<T>> sealings) {
            return sealings.stream().map(Supplier::get).toList();
        }
    };
}
