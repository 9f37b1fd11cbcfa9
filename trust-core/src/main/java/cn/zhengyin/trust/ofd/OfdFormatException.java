package cn.zhengyin.trust.ofd;

import cn.zhengyin.trust.TrustException;

/**
 * Thrown when bytes are not a readable OFD package (GB/T 33190): not a ZIP, a ZIP this reader refuses (encrypted,
 * ZIP64, duplicate or unsafe part names, local and central headers that disagree, over the size limits), or without
 * the parts an OFD must have. The message names the part and what was found.
 */
public class OfdFormatException extends TrustException {
    public OfdFormatException(String message) {
        super(message);
    }

    public OfdFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
