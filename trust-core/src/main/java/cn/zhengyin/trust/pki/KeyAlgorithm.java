package cn.zhengyin.trust.pki;

import cn.zhengyin.trust.pki.internal.BcProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;

/** The key and signature algorithms Zhengyin's PKI issues with. */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 (secp256r1) with SHA-256 (RFC 5758 §3.2); what every PDF reader checks. */
    ECDSA_P256("secp256r1", SECObjectIdentifiers.secp256r1, "SHA256withECDSA"),
    /** SM2 on sm2p256v1 (GB/T 32918) with SM3 (OID 1.2.156.10197.1.501, GB/T 33560), default user ID. */
    SM2("sm2p256v1", GMObjectIdentifiers.sm2p256v1, "SM3withSM2");

    private final String curveName;
    private final ASN1ObjectIdentifier curveOid;
    private final String signatureAlgorithm;

    KeyAlgorithm(String curveName, ASN1ObjectIdentifier curveOid, String signatureAlgorithm) {
        this.curveName = curveName;
        this.curveOid = curveOid;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String curveName() {
        return curveName;
    }

    /** JCA name of the signature algorithm certificates and CRLs are signed with by a key of this type. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Generates a fresh key pair with the Bouncy Castle provider. */
    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BcProvider.get());
            generator.initialize(new ECGenParameterSpec(curveName), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot generate a " + curveName + " key pair: " + e.getMessage(), e);
        }
    }

    /** The algorithm of an EC public key, found from its named curve; empty for any other key. */
    public static Optional<KeyAlgorithm> of(PublicKey key) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            X962Parameters params =
                    X962Parameters.getInstance(info.getAlgorithm().getParameters());
            if (!params.isNamedCurve()) {
                return Optional.empty();
            }
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(params.getParameters());
            return Arrays.stream(values()).filter(a -> a.curveOid.equals(curve)).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Like {@link #of(PublicKey)} but fails with a message naming the supported curves. */
    public static KeyAlgorithm require(PublicKey key) {
        return of(key).orElseThrow(() -> new PkiException("Unsupported key " + key.getAlgorithm()
                + ": Zhengyin's PKI signs with EC keys on secp256r1 (ECDSA) or sm2p256v1 (SM2) only"));
    }
}
