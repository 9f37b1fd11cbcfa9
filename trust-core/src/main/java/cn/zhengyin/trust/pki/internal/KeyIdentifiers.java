package cn.zhengyin.trust.pki.internal;

import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Key identifiers (RFC 5280 §4.2.1.1-2): an AKI repeats the issuer's SKI as it is in the issuer's certificate. */
public final class KeyIdentifiers {
    private KeyIdentifiers() {}

    /** keyIdentifier-only AKI: the issuer's SKI if it has one, else the SHA-1 of its public key (method 1). */
    public static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer)
            throws NoSuchAlgorithmException {
        byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski != null) {
            byte[] keyId = SubjectKeyIdentifier.getInstance(
                            ASN1OctetString.getInstance(ski).getOctets())
                    .getKeyIdentifier();
            return new AuthorityKeyIdentifier(keyId);
        }
        return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey());
    }
}
