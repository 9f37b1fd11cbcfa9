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
        String detail) {
    public static final String SIGNED = "SIGNED";
    public static final String REFUSED = "REFUSED";
}
