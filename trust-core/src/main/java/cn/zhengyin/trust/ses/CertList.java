package cn.zhengyin.trust.ses;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * SES_CertList: the signer (签章者) certificates allowed to use a seal, either the certificates themselves
 * (certListType 1, CertInfoList) or their hashes (certListType 2, CertDigestList).
 */
public sealed interface CertList {

    /** @return certListType: 1 for certificates, 2 for certificate digests */
    int type();

    /** certListType 1: {@code SEQUENCE OF OCTET STRING}, each a DER X.509 certificate. */
    record Certificates(List<byte[]> certificates) implements CertList {
        public Certificates {
            certificates = certificates.stream().map(byte[]::clone).toList();
        }

        @Override
        public List<byte[]> certificates() {
            return certificates.stream().map(byte[]::clone).toList();
        }

        @Override
        public int type() {
            return 1;
        }
    }

    /** certListType 2: {@code SEQUENCE OF CertDigestObj}. */
    record Digests(List<CertDigest> digests) implements CertList {
        public Digests {
            digests = List.copyOf(digests);
        }

        @Override
        public int type() {
            return 2;
        }
    }

    /**
     * CertDigestObj: {@code SEQUENCE { type PrintableString, value OCTET STRING }}.
     *
     * @param type  the digest's name (free text in GB/T 38540; Zhengyin writes {@value #SM3} and reads SM3, SHA-1,
     *              SHA-256 under their usual spellings)
     * @param value hash of the DER certificate
     */
    record CertDigest(String type, byte[] value) {
        /** Digest type name Zhengyin writes. */
        public static final String SM3 = "SM3";

        public CertDigest {
            Objects.requireNonNull(type, "type");
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    /** @return certListType 1 holding the DER encodings of {@code certificates} */
    public static CertList of(List<X509Certificate> certificates) {
        return new Certificates(certificates.stream().map(CertList::der).toList());
    }

    /** @return certListType 2 holding the SM3 hashes of {@code certificates} */
    public static CertList sm3DigestsOf(List<X509Certificate> certificates) {
        return new Digests(certificates.stream()
                .map(c -> new CertDigest(CertDigest.SM3, sm3(der(c))))
                .toList());
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new SesException(
                    "Cannot encode certificate "
                            + certificate.getSubjectX500Principal().getName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static byte[] sm3(byte[] data) {
        return cn.zhengyin.trust.crypto.Digests.sm3(data);
    }
}
