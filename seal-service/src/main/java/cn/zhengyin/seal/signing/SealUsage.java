package cn.zhengyin.seal.signing;

import java.time.Instant;

/**
 * One signing request with a seal, granted or refused (用章记录). Never deleted.
 *
 * @param digestHex         hex of the signed digest
 * @param licenceIdentifier the licence the document is, if the caller said
 * @param result            SIGNED or REFUSED
 * @param detail            why it was refused, or the format produced
 */
public record SealUsage(String sealId, String caller, String format, String digestHex, String licenceIdentifier,
                        Instant at, String result, String detail) {
}
