package cn.zhengyin.seal.image;

import cn.zhengyin.trust.TrustException;

/** A PNG rendition was asked of an image the library cannot re-render (an uploaded one: it has no shape model). */
public final class RenditionUnavailableException extends TrustException {
    public RenditionUnavailableException(String message) {
        super(message);
    }
}
