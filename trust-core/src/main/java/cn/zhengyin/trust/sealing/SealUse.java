package cn.zhengyin.trust.sealing;

import java.util.Objects;

/**
 * One seal to put on a document (一次用印): which seal, where and how large. Each becomes its own signature, in the
 * order given.
 *
 * @param sealId     the seal, as the key holder names it
 * @param signerName written in the signature ({@code /Name} in PDF)
 * @param placement  where the impression shows
 * @param sizeMm     the impression's width and height (a round official seal is 42 mm; 20 to 60 accepted)
 */
public record SealUse(String sealId, String signerName, SealPlacement placement, double sizeMm) {
    public static final double DEFAULT_SIZE_MM = 42;

    public SealUse {
        Objects.requireNonNull(sealId, "sealId");
        Objects.requireNonNull(signerName, "signerName");
        Objects.requireNonNull(placement, "placement");
        if (!(sizeMm >= 20 && sizeMm <= 60)) {
            throw new IllegalArgumentException("sizeMm must be between 20 and 60; got " + sizeMm);
        }
    }
}
