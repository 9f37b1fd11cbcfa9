package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.crypto.Digests;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation material for a PAdES B-LT Document Security Store (ETSI EN 319 142-1 §5.4): certificates, CRLs and
 * OCSP responses, each as DER. Duplicates (same bytes) are dropped, order kept. The arrays are copied in and out.
 *
 * @param certificates  DER X.509 certificates
 * @param crls          DER X.509 CRLs
 * @param ocspResponses DER OCSPResponse structures (RFC 6960)
 */
public record LtvMaterial(List<byte[]> certificates, List<byte[]> crls, List<byte[]> ocspResponses) {

    public LtvMaterial {
        certificates = distinct(certificates);
        crls = distinct(crls);
        ocspResponses = distinct(ocspResponses);
    }

    @Override
    public List<byte[]> certificates() {
        return certificates.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> crls() {
        return crls.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> ocspResponses() {
        return ocspResponses.stream().map(byte[]::clone).toList();
    }

    public boolean isEmpty() {
        return certificates.isEmpty() && crls.isEmpty() && ocspResponses.isEmpty();
    }

    @Override
    public String toString() {
        return "LtvMaterial[" + certificates.size() + " certificate(s), " + crls.size() + " CRL(s), "
                + ocspResponses.size() + " OCSP response(s)]";
    }

    private static List<byte[]> distinct(Collection<byte[]> items) {
        Map<String, byte[]> byDigest = new LinkedHashMap<>();
        for (byte[] item : items) {
            byDigest.putIfAbsent(sha256Hex(item), item.clone());
        }
        return List.copyOf(new ArrayList<>(byDigest.values()));
    }

    static String sha256Hex(byte[] data) {
        return Digests.sha256Hex(data);
    }
}
