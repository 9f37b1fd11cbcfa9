package cn.zhengyin.trust.pki;

import cn.zhengyin.trust.pki.internal.BcProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM (RFC 7468) text for certificates and CRLs, and parsing of certificates/CRLs given as PEM or DER.
 * Parsing uses Bouncy Castle, so SM2 certificates parse too.
 */
public final class Pem {
    private Pem() {}

    /** One {@code CERTIFICATE} block per certificate, in order. */
    public static String certificates(List<X509Certificate> certificates) {
        return write(certificates);
    }

    /** One {@code X509 CRL} block. */
    public static String crl(X509CRL crl) {
        return write(List.of(crl));
    }

    private static String write(List<?> objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new PkiException("Cannot write PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** All certificates in PEM (any number of blocks) or DER (one certificate) bytes. */
    public static List<X509Certificate> parseCertificates(byte[] pemOrDer) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", BcProvider.get());
            List<X509Certificate> certificates =
                    factory.generateCertificates(new ByteArrayInputStream(pemOrDer)).stream()
                            .map(X509Certificate.class::cast)
                            .toList();
            if (certificates.isEmpty()) {
                throw new PkiException("No certificate found; expected PEM 'BEGIN CERTIFICATE' blocks or DER");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new PkiException("Not a certificate (PEM or DER): " + e.getMessage(), e);
        }
    }

    /** One CRL from PEM or DER bytes. */
    public static X509CRL parseCrl(byte[] pemOrDer) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", BcProvider.get());
            Object crl = factory.generateCRL(new ByteArrayInputStream(pemOrDer));
            if (crl == null) {
                throw new PkiException("No CRL found; expected PEM 'BEGIN X509 CRL' or DER");
            }
            return (X509CRL) crl;
        } catch (CRLException | java.security.cert.CertificateException e) {
            throw new PkiException("Not a CRL (PEM or DER): " + e.getMessage(), e);
        }
    }
}
