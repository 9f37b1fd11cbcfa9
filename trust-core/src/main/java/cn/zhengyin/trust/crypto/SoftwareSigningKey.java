package cn.zhengyin.trust.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** A software private key held as a Bouncy Castle key object. Thread-safe; never prints the key. */
final class SoftwareSigningKey implements SigningKey {

    private final String keyId;
    private final SignatureAlgorithm algorithm;
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final Provider provider;
    /** Initialised Signature per thread: re-initialising costs ~4× for SM2 (PERFORMANCE.md). */
    private final ThreadLocal<Signature> signatures;

    private SoftwareSigningKey(
            String keyId,
            SignatureAlgorithm algorithm,
            List<X509Certificate> chain,
            PrivateKey key,
            Provider provider) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.chain = List.copyOf(chain);
        this.key = key;
        this.provider = provider;
        this.signatures = ThreadLocal.withInitial(this::newSignature);
    }

    static SoftwareSigningKey create(String keyId, PrivateKey privateKey, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new KeyCustodyException("Key '" + keyId + "' has no certificate; a signing key needs its "
                    + "certificate chain, signer first.");
        }
        Provider bc = Providers.bouncyCastle();
        byte[] encoded = privateKey.getEncoded();
        if (encoded == null) {
            throw new KeyCustodyException("Key '" + keyId + "' is not extractable (" + privateKey.getAlgorithm()
                    + "); use a hardware key custody for non-extractable keys.");
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(encoded);
        ASN1ObjectIdentifier keyAlg = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(keyAlg)) {
            throw new KeyCustodyException("Key '" + keyId + "' has algorithm " + keyAlg + "; Zhengyin signs with "
                    + "EC keys only (ECDSA P-256 or SM2).");
        }
        var params = info.getPrivateKeyAlgorithm().getParameters();
        SignatureAlgorithm algorithm;
        if (X9ObjectIdentifiers.prime256v1.equals(params)) {
            algorithm = SignatureAlgorithm.ECDSA_P256_SHA256;
        } else if (GMObjectIdentifiers.sm2p256v1.equals(params)) {
            algorithm = SignatureAlgorithm.SM2_SM3;
        } else {
            throw new KeyCustodyException("Key '" + keyId + "' is on curve " + params + "; supported curves are "
                    + "P-256 (1.2.840.10045.3.1.7) and SM2 (1.2.156.10197.1.301).");
        }
        try {
            PrivateKey bcKey = KeyFactory.getInstance("EC", bc).generatePrivate(new PKCS8EncodedKeySpec(encoded));
            SoftwareSigningKey result = new SoftwareSigningKey(keyId, algorithm, chain, bcKey, bc);
            result.checkMatchesCertificate();
            return result;
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("Cannot import key '" + keyId + "' into Bouncy Castle: " + e.getMessage(), e);
        }
    }

    private void checkMatchesCertificate() throws GeneralSecurityException {
        byte[] probe = "zhengyin key/certificate match probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature verifier = Signature.getInstance(algorithm.jcaName(), provider);
        verifier.initVerify(chain.get(0).getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(sign(probe))) {
            throw new KeyCustodyException("Key '" + keyId + "' does not match its certificate "
                    + chain.get(0).getSubjectX500Principal().getName() + "; store the key with its own certificate.");
        }
    }

    private Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName(), provider);
            signature.initSign(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException(
                    "Cannot initialise " + algorithm.jcaName() + " for key '" + keyId + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public byte[] sign(byte[] data) {
        Signature signature = signatures.get();
        try {
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            signatures.remove();
            throw new KeyCustodyException("Signing with key '" + keyId + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SoftwareSigningKey[keyId=" + keyId + ", algorithm=" + algorithm + ", subject="
                + chain.get(0).getSubjectX500Principal().getName() + "]";
    }
}
