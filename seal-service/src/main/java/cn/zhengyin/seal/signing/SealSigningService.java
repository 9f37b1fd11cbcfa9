package cn.zhengyin.seal.signing;

import cn.zhengyin.seal.registry.Seal;
import cn.zhengyin.seal.registry.SealDirectory;
import cn.zhengyin.trust.cms.CadesDigestSigner;
import java.time.Clock;
import java.util.HexFormat;

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
}
