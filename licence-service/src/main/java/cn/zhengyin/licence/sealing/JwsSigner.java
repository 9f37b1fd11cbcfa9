package cn.zhengyin.licence.sealing;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/** Port: ES256 signatures by a licence's seal (its ECDSA P-256 key), for SD-JWT VCs and status list tokens. */
public interface JwsSigner {
    /** The seal's certificate chain, seal certificate first (goes into {@code x5c}). */
    List<X509Certificate> chain(String sealId);

    /** @return the JOSE signature (R||S, 64 bytes) over the ASCII signing input */
    byte[] sign(String sealId, String signingInput, String licenceIdentifier);

    /** DER {@code SEQUENCE {r, s}} (what a JCA or the seal service signs) → JOSE {@code R||S} of 32 bytes each (RFC 7518 §3.4). */
    static byte[] derToJose(byte[] der) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        byte[] out = new byte[64];
        copyUnsigned(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(), out, 0);
        copyUnsigned(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue(), out, 32);
        return out;
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }
}
