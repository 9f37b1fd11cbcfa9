package cn.zhengyin.trust.pdf;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * How many bytes to reserve in a PAdES signature's {@code /Contents} for one signer, and signing within it.
 *
 * <p>The reservation starts from {@link SignatureRequest#estimateContentsBytes}, which sizes the time-stamp token's
 * chain like the signer's when the time-stamp authority's chain is not known in advance (the usual case: the token
 * comes back with the CMS). Each CMS that comes back is remembered per signer, and the reservation never falls below
 * the largest one seen plus {@link SignatureRequest#MARGIN_BYTES}. A CMS that does not fit — a TSA whose chain is
 * longer or whose key is larger than the estimate assumed — is therefore prepared and signed once more with room for
 * it, instead of failing the issuance; after that first time the reservation fits from the start. Every unused
 * reserved byte is two zero digits in every signed file, so the reservation follows what is really signed instead of
 * a large fixed margin.
 */
public final class ContentsReservation {

    /** Signers remembered (seal keys in use); beyond it the map is cleared and relearnt. */
    static final int MAX_SIGNERS = 4096;

    private final ConcurrentMap<String, Integer> largestSeen = new ConcurrentHashMap<>();

    /**
     * @param signer      the signer's key or seal identifier (what the reservation is learnt for)
     * @param signerChain the signer's chain, as the key custody returns it
     * @return the bytes to reserve for that signer's next CMS
     */
    public int reserveFor(String signer, List<X509Certificate> signerChain) {
        int estimate = SignatureRequest.estimateContentsBytes(signerChain, signerChain);
        Integer seen = largestSeen.get(signer);
        return seen == null ? estimate : Math.max(estimate, seen + SignatureRequest.MARGIN_BYTES);
    }

    /** Remembers the size of a CMS that came back for {@code signer}. */
    public void observed(String signer, int cmsBytes) {
        if (largestSeen.size() >= MAX_SIGNERS && !largestSeen.containsKey(signer)) {
            largestSeen.clear();
        }
        largestSeen.merge(signer, cmsBytes, Math::max);
    }

    /**
     * Prepares with the reservation, has the digest signed and embeds the CMS; when the CMS is larger than what was
     * reserved, prepares and signs once more with the size now known.
     *
     * @param signer      what the reservation is learnt for
     * @param signerChain the signer's chain
     * @param prepare     prepares the document with the given {@code /Contents} size
     * @param signDigest  signs a preparation's digest, returning the DER CMS
     * @return the signed PDF
     * @throws PdfSigningException if the second CMS does not fit either
     */
    public byte[] sign(
            String signer,
            List<X509Certificate> signerChain,
            IntFunction<PadesPreparation> prepare,
            UnaryOperator<byte[]> signDigest) {
        PadesPreparation prepared = prepare.apply(reserveFor(signer, signerChain));
        byte[] cms = signDigest.apply(prepared.digest());
        observed(signer, cms.length);
        if (cms.length > prepared.reservedContentsBytes()) {
            prepared = prepare.apply(reserveFor(signer, signerChain));
            cms = signDigest.apply(prepared.digest());
            observed(signer, cms.length);
        }
        return prepared.complete(cms);
    }
}
