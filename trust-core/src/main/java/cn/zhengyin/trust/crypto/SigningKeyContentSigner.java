package cn.zhengyin.trust.crypto;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Bouncy Castle {@link ContentSigner} that signs through a {@link SigningKey}, so CMS and time-stamp generators work
 * with any key custody (software, PKCS#11, Vault). Collects the bytes written, then calls
 * {@link SigningKey#sign(byte[])} once. One instance per signature: not thread-safe.
 */
public final class SigningKeyContentSigner implements ContentSigner {

    private final SigningKey key;
    private final AlgorithmIdentifier algorithmIdentifier;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    public SigningKeyContentSigner(SigningKey key) {
        this.key = key;
        this.algorithmIdentifier = new DefaultSignatureAlgorithmIdentifierFinder()
                .find(key.algorithm().jcaName());
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithmIdentifier;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        byte[] data = buffer.toByteArray();
        buffer.reset();
        return key.sign(data);
    }
}
