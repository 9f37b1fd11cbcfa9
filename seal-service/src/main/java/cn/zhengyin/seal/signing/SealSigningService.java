package cn.zhengyin.seal.signing;

import cn.zhengyin.seal.registry.Seal;
import cn.zhengyin.seal.registry.SealDirectory;
import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.xml.SignedInfoPolicy;
import cn.zhengyin.trust.xml.XmlFormatException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Signs document digests with a seal after checking that the caller may use it, and records every request. */
public final class SealSigningService {
    private final SealDirectory seals;
    private final CadesDigestSigner cades;
    private final SealUsageLog usages;
    private final Clock clock;

    public SealSigningService(SealDirectory seals, CadesDigestSigner cades, SealUsageLog usages, Clock clock) {
        this.seals = seals;
        this.cades = cades;
        this.usages = usages;
        this.clock = clock;
    }

    /**
     * Produces a detached CMS SignedData (PAdES B-T: signing-certificate-v2, time-stamp token) over a SHA-256 digest.
     *
     * @throws SealNotFoundException    if no seal has this id
     * @throws SigningRefusedException  if the caller may not use the seal
     */
    public byte[] signPadesDigest(String caller, String sealId, byte[] sha256, String licenceIdentifier) {
        String digestHex = HexFormat.of().formatHex(sha256);
        Seal seal = seals.find(sealId).orElseThrow(() -> new SealNotFoundException(sealId));
        if (!seal.mayBeUsedBy(caller)) {
            String why = "client '" + caller + "' is not authorised to use seal '" + sealId + "'";
            usages.record(new SealUsage(sealId, caller, "PAdES", digestHex, licenceIdentifier, clock.instant(), "REFUSED", why));
            throw new SigningRefusedException(why);
        }
        byte[] cms = cades.sign(sha256, seal.signingKey());
        usages.record(new SealUsage(sealId, caller, "PAdES", digestHex, licenceIdentifier, clock.instant(), "SIGNED",
                "CMS SignedData, " + cms.length + " bytes"));
        return cms;
    }

    /** A signature over a canonical SignedInfo, and the chain of the seal that made it. */
    public record XmlSignatureValue(byte[] derSignature, List<X509Certificate> certificateChain) {
    }

    /**
     * Signs the exclusive-c14n bytes of an XMLDSig {@code ds:SignedInfo} (XAdES enveloped signature of a licence).
     * The bytes are parsed with the hardened parser and must be a SignedInfo of the shape
     * {@link SignedInfoPolicy} allows, in canonical form, with the seal key's signature method, so the seal is never
     * a blind signing oracle. The usage log records the SHA-256 of the SignedInfo bytes.
     *
     * @throws SealNotFoundException    if no seal has this id
     * @throws SigningRefusedException  if the caller may not use the seal, or the seal's key is not ECDSA P-256
     * @throws SignedInfoRejectedException if the bytes are not an acceptable canonical SignedInfo
     */
    public XmlSignatureValue signXmlSignedInfo(String caller, String sealId, byte[] canonicalSignedInfo,
                                               String licenceIdentifier) {
        String digestHex = HexFormat.of().formatHex(sha256(canonicalSignedInfo));
        Seal seal = seals.find(sealId).orElseThrow(() -> new SealNotFoundException(sealId));
        if (!seal.mayBeUsedBy(caller)) {
            String why = "client '" + caller + "' is not authorised to use seal '" + sealId + "'";
            usages.record(new SealUsage(sealId, caller, "XAdES", digestHex, licenceIdentifier, clock.instant(), "REFUSED", why));
            throw new SigningRefusedException(why);
        }
        if (seal.signingKey().algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            String why = "seal '" + sealId + "' signs with " + seal.signingKey().algorithm()
                    + "; XML signatures need an ECDSA P-256 seal";
            usages.record(new SealUsage(sealId, caller, "XAdES", digestHex, licenceIdentifier, clock.instant(), "REFUSED", why));
            throw new SigningRefusedException(why);
        }
        SignedInfoPolicy.Shape shape;
        try {
            shape = SignedInfoPolicy.inspectCanonical(canonicalSignedInfo, Set.of(SignedInfoPolicy.ECDSA_SHA256));
        } catch (XmlFormatException e) {
            usages.record(new SealUsage(sealId, caller, "XAdES", digestHex, licenceIdentifier, clock.instant(), "REFUSED",
                    e.getMessage()));
            throw new SignedInfoRejectedException(e.getMessage());
        }
        byte[] signature = seal.signingKey().sign(canonicalSignedInfo);
        usages.record(new SealUsage(sealId, caller, "XAdES", digestHex, licenceIdentifier, clock.instant(), "SIGNED",
                "ds:SignedInfo over #" + shape.documentReferenceId() + ", " + shape.signatureMethod()));
        return new XmlSignatureValue(signature, seal.signingKey().certificateChain());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
