package cn.zhengyin.trust.pki.devpki;

import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.pki.PkiException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated development PKI: every credential in declaration order, the initial (empty) CRL of every CA, and the
 * roots as trust anchors.
 */
public record DevPki(List<Credential> credentials, Map<String, X509CRL> crls, List<X509Certificate> trustAnchors) {
    /** The password of every dev PKCS#12 file. Development only. */
    public static final String DEV_PASSWORD = "zhengyin-dev";

    public static final String TRUST_ANCHORS_FILE = "trust-anchors.pem";

    public DevPki {
        credentials = List.copyOf(credentials);
        crls = Map.copyOf(crls);
        trustAnchors = List.copyOf(trustAnchors);
    }

    public Credential credential(String name) {
        return credentials.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new PkiException("No entity '" + name + "' in the dev PKI"));
    }

    /**
     * The files to write, by file name: {@code <name>.p12} (key + chain, alias = name), {@code <name>.crt.pem},
     * {@code <ca>.crl} (DER) per CA, and {@value #TRUST_ANCHORS_FILE}.
     */
    public Map<String, byte[]> files(char[] password) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Credential credential : credentials) {
            files.put(credential.name() + ".p12", Pkcs12.encode(credential, password));
            files.put(
                    credential.name() + ".crt.pem",
                    Pem.certificates(List.of(credential.certificate())).getBytes(StandardCharsets.US_ASCII));
            X509CRL crl = crls.get(credential.name());
            if (crl != null) {
                try {
                    files.put(credential.name() + ".crl", crl.getEncoded());
                } catch (CRLException e) {
                    throw new PkiException(
                            "Cannot encode the CRL of '" + credential.name() + "': " + e.getMessage(), e);
                }
            }
        }
        files.put(TRUST_ANCHORS_FILE, Pem.certificates(trustAnchors).getBytes(StandardCharsets.US_ASCII));
        return files;
    }
}
