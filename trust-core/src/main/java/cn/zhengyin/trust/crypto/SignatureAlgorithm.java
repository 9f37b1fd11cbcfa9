package cn.zhengyin.trust.crypto;

/**
 * Signature algorithms Zhengyin signs with. ECDSA P-256 for PAdES/XAdES (what every PDF reader checks),
 * SM2/SM3 for GB/T 38540 seals (GB/T 33560 OIDs).
 */
public enum SignatureAlgorithm {
    /** ECDSA on NIST P-256 with SHA-256; OID ecdsa-with-SHA256 (RFC 5758 §3.2). */
    ECDSA_P256_SHA256("SHA256withECDSA", "1.2.840.10045.4.3.2", "SHA-256", "2.16.840.1.101.3.4.2.1"),
    /** SM2 with SM3 (GB/T 32918, GB/T 33560: 1.2.156.10197.1.501), default user ID 1234567812345678. */
    SM2_SM3("SM3withSM2", "1.2.156.10197.1.501", "SM3", "1.2.156.10197.1.401");

    private final String jcaName;
    private final String oid;
    private final String digestJcaName;
    private final String digestOid;

    SignatureAlgorithm(String jcaName, String oid, String digestJcaName, String digestOid) {
        this.jcaName = jcaName;
        this.oid = oid;
        this.digestJcaName = digestJcaName;
        this.digestOid = digestOid;
    }

    /** @return the JCA signature name, e.g. {@code SHA256withECDSA} */
    public String jcaName() {
        return jcaName;
    }

    /** @return the dotted signature algorithm OID */
    public String oid() {
        return oid;
    }

    /** @return the JCA name of the digest the signature hashes with, e.g. {@code SHA-256} */
    public String digestJcaName() {
        return digestJcaName;
    }

    /** @return the dotted OID of that digest */
    public String digestOid() {
        return digestOid;
    }
}
