package cn.zhengyin.trust.pki.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One unregistered Bouncy Castle provider instance for the {@code pki} package. It is passed explicitly to JCA
 * factories, so nothing here touches {@link java.security.Security}; composition roots register BC if they want to.
 */
public final class BcProvider {
    private static final Provider INSTANCE = new BouncyCastleProvider();

    private BcProvider() {}

    public static Provider get() {
        return INSTANCE;
    }
}
