package cn.zhengyin.trust.cms;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SigningKeyContentSigner;
import cn.zhengyin.trust.timestamp.TimestampSource;
import cn.zhengyin.trust.validation.CmsCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Builds a detached CMS SignedData for PAdES baseline B-T (ETSI EN 319 142-1 §6.3, ETSI EN 319 122-1 §5) from the
 * SHA-256 digest of the PDF's ByteRange, without ever seeing the document.
 *
 * <p>Signed attributes: content-type (id-data), message-digest, signing-certificate-v2 (ESSCertIDv2, SHA-256, with
 * issuerSerial). No signing-time: PAdES carries the claimed time in the signature dictionary's {@code /M}
 * (ETSI EN 319 142-1 §5.4.3). Certificates: the whole chain the key custody returns (signer first; the root when
 * custody includes it, which is harmless: verifiers take anchors from their own configuration). Unsigned
 * attribute: id-aa-signatureTimeStampToken over the signature value (RFC 3161 Appendix A; imprint = SHA-256 of the
 * SignerInfo signature value).
 *
 * <p>The signature itself is made by {@link SigningKey#sign(byte[])} over the DER of the signed attributes, so any
 * key custody plugs in. Only ECDSA P-256 keys are accepted: PAdES signatures must verify in common PDF readers.
 * Thread-safe.
 */
public final class CadesDigestSigner {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private final TimestampSource timestamps;

    public CadesDigestSigner(TimestampSource timestamps) {
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    }

    /**
     * @param documentDigest SHA-256 of the signed bytes (the two ByteRange parts), 32 bytes
     * @param key            the signing key; its first certificate is the signer certificate
     * @return the DER encoding of the CMS ContentInfo (SignedData), to embed in {@code /Contents}
     * @throws CmsSigningException if the digest or key is unsuitable, or signing or time-stamping fails
     */
    public byte[] sign(byte[] documentDigest, SigningKey key) {
        if (documentDigest == null || documentDigest.length != 32) {
            throw new CmsSigningException("The document digest must be a 32-byte SHA-256 hash of the ByteRange; got "
                    + (documentDigest == null ? "none" : documentDigest.length + " bytes") + ".");
        }
        if (key.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new CmsSigningException("Key '" + key.keyId() + "' uses " + key.algorithm() + "; PAdES signatures"
                    + " are made with ECDSA_P256_SHA256 so that PDF readers can check them (SM2 is for GB/T 38540).");
        }
        try {
            X509Certificate signerCert = key.certificateChain().get(0);
            X509CertificateHolder signer = new X509CertificateHolder(signerCert.getEncoded());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(precomputed(documentDigest))
                    .setSignedAttributeGenerator(signedAttributes(signer))
                    .build(new SigningKeyContentSigner(key), signer));
            generator.addCertificates(new JcaCertStore(CmsCertificates.withoutRoot(key.certificateChain())));
            CMSSignedData signed = generator.generate(new CMSAbsentContent(), false);
            return addSignatureTimestamp(signed).toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CMSException | OperatorCreationException | IOException | CertificateEncodingException e) {
            throw new CmsSigningException(
                    "Cannot build the CMS signature with key '" + key.keyId() + "': " + e.getMessage(), e);
        }
    }

    private CMSSignedData addSignatureTimestamp(CMSSignedData signed) throws IOException {
        SignerInformation signerInfo =
                signed.getSignerInfos().getSigners().iterator().next();
        byte[] imprint = Digests.sha256(signerInfo.getSignature());
        TimeStampToken token = timestamps.timestamp(imprint);
        ASN1Primitive tokenAsn1 = ASN1Primitive.fromByteArray(token.getEncoded());
        Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(tokenAsn1));
        ASN1EncodableVector unsigned = new ASN1EncodableVector();
        unsigned.add(attribute);
        SignerInformation stamped =
                SignerInformation.replaceUnsignedAttributes(signerInfo, new AttributeTable(unsigned));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
    }

    /** Exactly the three PAdES signed attributes; BC's default generator would add signing-time. */
    private static CMSAttributeTableGenerator signedAttributes(X509CertificateHolder signer) throws IOException {
        ESSCertIDv2 certId = new ESSCertIDv2(
                SHA256,
                Digests.sha256(signer.getEncoded()),
                new IssuerSerial(
                        new GeneralNames(new GeneralName(X500Name.getInstance(signer.getIssuer()))),
                        signer.getSerialNumber()));
        Attribute signingCertificate = new Attribute(
                PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId})));
        return parameters -> {
            Hashtable<ASN1ObjectIdentifier, Object> table = new Hashtable<>();
            ASN1ObjectIdentifier contentType =
                    (ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE);
            byte[] digest = (byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST);
            table.put(CMSAttributes.contentType, new Attribute(CMSAttributes.contentType, new DERSet(contentType)));
            table.put(
                    CMSAttributes.messageDigest,
                    new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))));
            table.put(PKCSObjectIdentifiers.id_aa_signingCertificateV2, signingCertificate);
            return new AttributeTable(table);
        };
    }

    /** A digest calculator "provider" that returns the digest computed by the licence service. */
    private static DigestCalculatorProvider precomputed(byte[] digest) {
        byte[] copy = digest.clone();
        return algorithm -> {
            if (!SHA256.getAlgorithm().equals(algorithm.getAlgorithm())) {
                throw new OperatorCreationException(
                        "Only SHA-256 digests are precomputed; asked for " + algorithm.getAlgorithm());
            }
            return new DigestCalculator() {
                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return SHA256;
                }

                @Override
                public OutputStream getOutputStream() {
                    return OutputStream.nullOutputStream();
                }

                @Override
                public byte[] getDigest() {
                    return copy.clone();
                }
            };
        };
    }
}
