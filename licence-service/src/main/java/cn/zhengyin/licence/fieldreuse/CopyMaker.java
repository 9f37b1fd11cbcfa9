package cn.zhengyin.licence.fieldreuse;

import java.time.Instant;

/** Port: makes a 加注件 — the licence PDF annotated with the use's purpose and expiry, and signed again. */
public interface CopyMaker {

    /**
     * @param originalPdf the registered, signed licence PDF (原件)
     * @return the annotated copy; the original's signature must stay verifiable in it
     */
    byte[] annotate(byte[] originalPdf, Annotation annotation);

    /**
     * The GB/T 36903 加注件 elements.
     *
     * @param identifier  the licence version copied
     * @param issuerCode  the licence's issuing authority (发证机关), whose seal signs the copy
     * @param purpose     加注件制作事由 (用证事由)
     * @param purposeSource whose words the purpose is: the stamp says so
     * @param expiresAt   加注件有效期截止时间
     * @param createdAt   加注件制作时间
     * @param creator     加注件制作者 (this service's operator)
     * @param recipient   the third party the copy is made for
     */
    /** Whose words a copy's purpose is. */
    enum PurposeSource {
        /** One of the service item's configured 用证事由 (a use by duty): the service's own words. */
        SERVICE_ITEM,
        /** The holder's words, written in the consent: the stamp marks them as such. */
        HOLDER
    }

    record Annotation(
            String identifier,
            String issuerCode,
            String purpose,
            PurposeSource purposeSource,
            Instant expiresAt,
            Instant createdAt,
            String creator,
            String recipient) {}
}
