package cn.zhengyin.trust.testing;

import cn.zhengyin.trust.crypto.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signed PDFs as another producer makes them: PDFBox's own signing API and Bouncy Castle's
 * {@link CMSSignedDataGenerator}, not Zhengyin's signer, with that producer's own throw-away CA ({@link TestPki}
 * under another name). The positive corpus of the {@code baseline} policy: PAdES B-B (no time-stamp), a later
 * approval signature, a /DSS update after signing, certified documents (DocMDP P1/P2/P3) with the changes their
 * level allows.
 */
public final class OtherProducer {

    public static final String FIELD = "applicant";

    private final TestPki pki;
    private final PrivateKey key;
    private final Instant time;

    /**
     * @param pki  the producer's CA (root → issuing CA → signer)
     * @param time the claimed signing time (/M)
     */
    public OtherProducer(TestPki pki, Instant time) {
        Providers.bouncyCastle();
        this.pki = pki;
        this.key = pki.signerPrivateKey();
        this.time = time;
    }

    /** A one-page PDF with one empty text form field {@value #FIELD}. */
    public static byte[] formWithOneField(String text) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 760);
                content.showText(text);
                content.endText();
            }
            PDAcroForm form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
            form.setDefaultAppearance("/Helv 12 Tf 0 g");
            org.apache.pdfbox.pdmodel.PDResources resources = new org.apache.pdfbox.pdmodel.PDResources();
            resources.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            form.setDefaultResources(resources);
            PDTextField field = new PDTextField(form);
            field.setPartialName(FIELD);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(72, 600, 300, 24));
            widget.setPage(page);
            page.getAnnotations().add(widget);
            form.getFields().add(field);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PAdES-B-B approval signature (ETSI.CAdES.detached, signing-certificate-v2, no time-stamp), invisible. */
    public byte[] approve(byte[] pdf) {
        return sign(pdf, 0);
    }

    /** A certification signature with DocMDP {@code /P permission}. */
    public byte[] certify(byte[] pdf, int permission) {
        return sign(pdf, permission);
    }

    private byte[] sign(byte[] pdf, int permission) {
        try (PDDocument document = Loader.loadPDF(pdf);
                SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
            signature.setName("Other Producer Signer");
            signature.setReason(permission == 0 ? "Approved" : "Certified");
            signature.setSignDate(GregorianCalendar.from(time.atZone(ZoneOffset.UTC)));
            if (permission != 0) {
                COSDictionary params = new COSDictionary();
                params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
                params.setInt(COSName.P, permission);
                params.setName(COSName.V, "1.2");
                COSDictionary reference = new COSDictionary();
                reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
                reference.setItem(COSName.TRANSFORM_METHOD, COSName.DOCMDP);
                reference.setItem(COSName.TRANSFORM_PARAMS, params);
                COSArray references = new COSArray();
                references.add(reference);
                signature.getCOSObject().setItem(COSName.REFERENCE, references);
                COSDictionary perms = new COSDictionary();
                perms.setItem(COSName.DOCMDP, signature);
                document.getDocumentCatalog().getCOSObject().setItem(COSName.PERMS, perms);
            }
            options.setPreferredSignatureSize(16_384);
            document.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent().readAllBytes()));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A detached CMS SignedData over {@code content}: ECDSA-SHA256, signing-certificate-v2, chain included. */
    private byte[] cms(byte[] content) {
        try {
            X509Certificate signer = pki.signerCertificate();
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(signer.getEncoded());
            ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certHash);
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(
                    PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(id))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .setSignedAttributeGenerator(parameters -> new DefaultSignedAttributeTableGenerator(
                                            new AttributeTable(attributes))
                                    .getAttributes(parameters)
                                    .remove(org.bouncycastle.asn1.cms.CMSAttributes.signingTime)) // PAdES: /M only
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key), signer));
            generator.addCertificates(new JcaCertStore(List.of(signer, pki.issuingCa())));
            CMSSignedData data = generator.generate(new CMSProcessableByteArray(content), false);
            return data.getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An incremental update filling in {@value #FIELD} (form fill), as a PDF form filler saves it. */
    public static byte[] fillIn(byte[] pdf, String value) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm();
            PDTextField field = (PDTextField) form.getField(FIELD);
            field.setValue(value);
            Set<COSDictionary> changed = new HashSet<>();
            changed.add(field.getCOSObject());
            for (PDAnnotationWidget widget : field.getWidgets()) {
                changed.add(widget.getCOSObject());
                if (widget.getAppearance() != null) {
                    changed.add(widget.getAppearance().getCOSObject());
                    var normal = widget.getAppearance().getNormalAppearance();
                    if (normal != null && normal.isStream()) {
                        changed.add(normal.getAppearanceStream().getCOSObject());
                    }
                }
            }
            return saveIncremental(document, changed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An incremental update adding a sticky-note (Text) annotation to page 1. */
    public static byte[] annotate(byte[] pdf, String note) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            PDAnnotationText text = new PDAnnotationText();
            text.setContents(note);
            text.setRectangle(new PDRectangle(400, 700, 20, 20));
            text.setPage(page);
            List<PDAnnotation> annotations = new ArrayList<>(page.getAnnotations());
            annotations.add(text);
            page.setAnnotations(annotations);
            return saveIncremental(document, Set.of(page.getCOSObject(), text.getCOSObject()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An incremental update adding a /DSS with these certificates and CRLs (PAdES B-LT validation data). */
    public static byte[] addDss(byte[] pdf, List<X509Certificate> certificates, List<X509CRL> crls) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSDictionary dss = new COSDictionary();
            COSArray certs = new COSArray();
            for (X509Certificate c : certificates) {
                certs.add(stream(document, c.getEncoded()));
            }
            COSArray crlArray = new COSArray();
            for (X509CRL crl : crls) {
                crlArray.add(stream(document, crl.getEncoded()));
            }
            dss.setItem(COSName.getPDFName("Certs"), certs);
            dss.setItem(COSName.getPDFName("CRLs"), crlArray);
            dss.setDirect(false);
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            catalog.setItem(COSName.getPDFName("DSS"), dss);
            return saveIncremental(document, Set.of(catalog, dss));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static COSStream stream(PDDocument document, byte[] der) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (var out = stream.createRawOutputStream()) {
            out.write(der);
        }
        return stream;
    }

    private static byte[] saveIncremental(PDDocument document, Set<COSDictionary> changed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.saveIncremental(out, changed);
        return out.toByteArray();
    }
}
