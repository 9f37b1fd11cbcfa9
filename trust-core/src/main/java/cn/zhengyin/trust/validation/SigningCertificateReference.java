package cn.zhengyin.trust.validation;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * Checks the signing-certificate-v2 attribute (RFC 5035 ESSCertIDv2; ETSI EN 319 122-1 §5.2.2.3), or the legacy
 * signing-certificate attribute (RFC 2634, SHA-1) when v2 is absent, against the certificate that verified the
 * signature.
 */
public final class SigningCertificateReference {

    private SigningCertificateReference() {}

    /**
     * @param checkId          id of the resulting check
     * @param signedAttributes the signer info's signed attributes (may be null)
     * @param signer           the certificate that verifies the signature
     */
    public static CheckResult check(String checkId, AttributeTable signedAttributes, X509Certificate signer) {
        if (signedAttributes == null) {
            return CheckResult.failed(
                    checkId,
                    "The signer info has no signed attributes, so no signing-certificate "
                            + "reference (ETSI EN 319 122-1 §5.2.2.3).");
        }
        try {
            byte[] encoded = signer.getEncoded();
            Attribute v2 = signedAttributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (v2 != null) {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(first(v2)).getCerts()[0];
                String algorithm = new DefaultAlgorithmNameFinder().getAlgorithmName(id.getHashAlgorithm());
                byte[] hash = MessageDigest.getInstance(algorithm).digest(encoded);
                if (!Arrays.equals(hash, id.getCertHash())) {
                    return CheckResult.failed(
                            checkId,
                            "signing-certificate-v2 holds a " + algorithm
                                    + " hash that does not match the signer certificate "
                                    + signer.getSubjectX500Principal().getName() + ".");
                }
                if (!issuerSerialMatches(id.getIssuerSerial(), signer)) {
                    return CheckResult.failed(
                            checkId,
                            "signing-certificate-v2 issuerSerial does not name the signer"
                                    + " certificate's issuer and serial number.");
                }
                return CheckResult.passed(
                        checkId, "signing-certificate-v2 (" + algorithm + ") matches the signer certificate.");
            }
            Attribute v1 = signedAttributes.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
            if (v1 != null) {
                var id = SigningCertificate.getInstance(first(v1)).getCerts()[0];
                byte[] hash = MessageDigest.getInstance("SHA-1").digest(encoded);
                if (!Arrays.equals(hash, id.getCertHash()) || !issuerSerialMatches(id.getIssuerSerial(), signer)) {
                    return CheckResult.failed(
                            checkId,
                            "signing-certificate (v1, SHA-1) does not match the signer " + "certificate "
                                    + signer.getSubjectX500Principal().getName() + ".");
                }
                return CheckResult.warning(
                        checkId,
                        "Legacy signing-certificate (SHA-1) matches; signing-certificate-v2" + " is expected.");
            }
            return CheckResult.failed(
                    checkId,
                    "Neither signing-certificate-v2 nor signing-certificate is among the "
                            + "signed attributes (ETSI EN 319 122-1 §5.2.2.3 requires one).");
        } catch (GeneralSecurityException | RuntimeException e) {
            return CheckResult.failed(checkId, "Cannot read the signing-certificate reference: " + e.getMessage());
        }
    }

    private static ASN1Encodable first(Attribute attribute) {
        return attribute.getAttrValues().getObjectAt(0);
    }

    private static boolean issuerSerialMatches(IssuerSerial issuerSerial, X509Certificate cert) {
        if (issuerSerial == null) {
            return true;
        }
        if (!issuerSerial.getSerial().getValue().equals(cert.getSerialNumber())) {
            return false;
        }
        X500Name issuer = X500Name.getInstance(cert.getIssuerX500Principal().getEncoded());
        for (GeneralName name : issuerSerial.getIssuer().getNames()) {
            if (name.getTagNo() == GeneralName.directoryName
                    && X500Name.getInstance(name.getName()).equals(issuer)) {
                return true;
            }
        }
        return false;
    }
}
