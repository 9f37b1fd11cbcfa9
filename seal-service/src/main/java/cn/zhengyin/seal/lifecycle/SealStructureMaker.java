package cn.zhengyin.seal.lifecycle;

import java.util.Optional;

/**
 * Port: builds a seal's GB/T 38540 {@code SESeal} (DER). Implemented with {@code cn.zhengyin.trust.ses} by the
 * composition root; while no implementation is wired the seal is made with its SESeal pending.
 */
public interface SealStructureMaker {

    /**
     * @param seal     the seal being made: id, name, type, organisation, validity, certificates (the SM2 one is the
     *                 signer certificate that goes in the SESeal's cert list), image id
     * @param imagePng the seal image
     * @return the DER SESeal, or empty if it cannot be made yet
     */
    Optional<byte[]> make(Seal seal, byte[] imagePng);

    /** The maker used until the SES structures are wired in: makes nothing, so the seal records {@code sesealPending}. */
    static SealStructureMaker pending() {
        return (seal, image) -> Optional.empty();
    }
}
