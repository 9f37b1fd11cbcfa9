package cn.zhengyin.trust.ses;

/**
 * Thrown by {@link SesCodec} when bytes are not a well-formed GB/T 38540 (or GM/T 0031-2014) structure: not DER,
 * truncated, too large, nested too deep, or with an element of the wrong type or count. The message names the
 * element (e.g. {@code SESeal.eSealInfo.property.certListType}) and what was found.
 */
public class SesFormatException extends SesException {
    public SesFormatException(String message) {
        super(message);
    }

    public SesFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
