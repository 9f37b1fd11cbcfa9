package cn.zhengyin.seal.signing;

import java.time.Instant;

/**
 * One signing request with a seal, granted or refused (用章记录). Never deleted.
 *
 * @param organisation      the seal owner's unified social credit code ("" if the seal is unknown)
 * @param digestHex         hex of the signed digest
 * @param licenceIdentifier the licence the document is, if the caller said ("" if not)
 * @param licenceType       the licence type code asked for or derived from the identifier ("" if none)
 * @param result            SIGNED or REFUSED
 * @param detail            why it was refused, or the format produced and the authorisation used
 * @param refusalReason     the {@link RefusalReason#code()} of a refusal ("" when signed)
 * @param traceId           the W3C trace id of the request that asked ("" if it was not traced): the same id is in
 *                          the caller's and this service's log lines (docs/operations.md)
 */
public record SealUsage(
        String sealId,
        String organisation,
        String caller,
        String format,
        String digestHex,
        String licenceIdentifier,
        String licenceType,
        Instant at,
        String result,
        String detail,
        String refusalReason,
        String traceId) {
    public static final String SIGNED = "SIGNED";
    public static final String REFUSED = "REFUSED";

    public SealUsage {
        refusalReason = refusalReason == null ? "" : refusalReason;
        traceId = traceId == null ? "" : traceId;
    }

    /** A usage without refusal reason and trace id (records stored before they were kept). */
    public SealUsage(
            String sealId,
            String organisation,
            String caller,
            String format,
            String digestHex,
            String licenceIdentifier,
            String licenceType,
            Instant at,
            String result,
            String detail) {
        this(
                sealId,
                organisation,
                caller,
                format,
                digestHex,
                licenceIdentifier,
                licenceType,
                at,
                result,
                detail,
                "",
                "");
    }

    /** The same usage with the trace id of the request that asked. */
    public SealUsage withTraceId(String id) {
        return new SealUsage(
                sealId,
                organisation,
                caller,
                format,
                digestHex,
                licenceIdentifier,
                licenceType,
                at,
                result,
                detail,
                refusalReason,
                id);
    }
}
