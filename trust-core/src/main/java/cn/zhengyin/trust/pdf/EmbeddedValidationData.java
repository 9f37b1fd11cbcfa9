package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.crypto.Providers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The validation material a PDF carries in its Document Security Store (ETSI EN 319 142-1 §5.4): certificates
 * (candidates for path building, never trust anchors), CRLs and OCSP responses (revocation evidence whose
 * signatures are checked against their issuer before use), and the VRI keys present. Items that cannot be parsed
 * are counted, not used.
 *
 * @param dssPresent    whether the catalogue has a {@code /DSS} dictionary
 * @param certificates  the parsed {@code /Certs}
 * @param crls          the parsed {@code /CRLs}
 * @param ocspResponses the {@code /OCSPs} as DER
 * @param vriKeys       the keys of {@code /VRI} (upper-case hex SHA-1 of a signature's /Contents)
 * @param unreadable    how many items could not be read or parsed
 */
public record EmbeddedValidationData(
        boolean dssPresent,
        List<X509Certificate> certificates,
        List<X509CRL> crls,
        List<byte[]> ocspResponses,
        Set<String> vriKeys,
        int unreadable) {

    public EmbeddedValidationData {
        certificates = List.copyOf(certificates);
        crls = List.copyOf(crls);
        ocspResponses = List.copyOf(ocspResponses);
        vriKeys = Set.copyOf(vriKeys);
    }

    /** No DSS. */
    public static EmbeddedValidationData none() {
        return new EmbeddedValidationData(false, List.of(), List.of(), List.of(), Set.of(), 0);
    }

    /** Reads the DSS of the document's latest revision; {@link #none()} when there is none. */
    public static EmbeddedValidationData from(PDDocument document) {
        COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(PadesLtvExtender.DSS);
        if (dss == null) {
            return none();
        }
        int[] unreadable = {0};
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509", Providers.bouncyCastle());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle provides X.509", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (byte[] der : streams(dss, PadesLtvExtender.CERTS, unreadable)) {
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException | RuntimeException e) {
                unreadable[0]++;
            }
        }
        List<X509CRL> crls = new ArrayList<>();
        for (byte[] der : streams(dss, PadesLtvExtender.CRLS, unreadable)) {
            try {
                crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException | RuntimeException e) {
                unreadable[0]++;
            }
        }
        List<byte[]> ocsps = streams(dss, PadesLtvExtender.OCSPS, unreadable);
        Set<String> vriKeys = new TreeSet<>();
        COSDictionary vri = dss.getCOSDictionary(PadesLtvExtender.VRI);
        if (vri != null) {
            vri.keySet().forEach(k -> vriKeys.add(k.getName()));
        }
        return new EmbeddedValidationData(true, certificates, crls, ocsps, vriKeys, unreadable[0]);
    }

    /** Whether the DSS has a VRI entry for the signature with these /Contents. */
    public boolean hasVriFor(byte[] signatureContents) {
        return vriKeys.contains(PadesLtvExtender.vriKey(signatureContents));
    }

    public String summary() {
        return dssPresent
                ? "DSS with " + certificates.size() + " certificate(s), " + crls.size() + " CRL(s), "
                        + ocspResponses.size() + " OCSP response(s), " + vriKeys.size() + " VRI entr"
                        + (vriKeys.size() == 1 ? "y" : "ies")
                        + (unreadable > 0 ? ", " + unreadable + " unreadable item(s)" : "")
                : "no DSS";
    }

    private static List<byte[]> streams(COSDictionary dss, COSName name, int[] unreadable) {
        List<byte[]> result = new ArrayList<>();
        if (!(dss.getDictionaryObject(name) instanceof COSArray array)) {
            return result;
        }
        for (int i = 0; i < array.size(); i++) {
            COSBase item = array.get(i);
            if (item instanceof COSObject indirect) {
                item = indirect.getObject();
            }
            if (!(item instanceof COSStream stream)) {
                unreadable[0]++;
                continue;
            }
            try (InputStream in = stream.createInputStream()) {
                result.add(in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                unreadable[0]++;
            }
        }
        return result;
    }
}
