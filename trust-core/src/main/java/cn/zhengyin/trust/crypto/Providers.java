package cn.zhengyin.trust.crypto;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Registers the Bouncy Castle JCA provider. Call from composition roots (service configuration, CLI main, tests);
 * trust-core classes only look the provider up.
 */
public final class Providers {

    private Providers() {}

    /**
     * Registers Bouncy Castle once (idempotent, thread-safe) and returns the registered instance.
     *
     * @return the provider registered under the name {@code "BC"}
     */
    public static synchronized Provider bouncyCastle() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        BouncyCastleProvider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }
}
