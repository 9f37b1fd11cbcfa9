package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.ofd.OfdStampPicture;
import cn.zhengyin.trust.seal.SealImpression;
import cn.zhengyin.trust.seal.SealType;
import cn.zhengyin.trust.ses.CertList;
import cn.zhengyin.trust.ses.SealMaker;
import cn.zhengyin.trust.ses.SealPicture;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link SealStructureMaker} with trust-core's GB/T 38540 v4 {@link SealMaker}: the seal maker (制章者) signs the
 * SES_SealInfo; the cert list holds the seal's SM2 signing certificate (certListType 1). The seal type in the SESeal is
 * 1 (单位印章) or, for a legal representative's name seal, 2 (个人印章), as GM/T 0031 defines; the business type code
 * (01 … 99) stays in the seal's own record.
 */
public final class GbtSealStructureMaker implements SealStructureMaker {
    private final SealMaker maker;
    private final Clock clock;
    private final Function<String, Optional<SealImpression>> vectors;

    /** A maker that always embeds the PNG. */
    public GbtSealStructureMaker(SealMaker maker, Clock clock) {
        this(maker, clock, imageId -> Optional.empty());
    }

    /**
     * @param vectors a seal image's vector impression by image id, when there is one: the SESeal's picture is then a
     *                vector OFD ({@link OfdStampPicture}, a few kilobytes) instead of the PNG (over 100 KB at 600 dpi),
     *                and it travels in every OFD twice (Seal.esl and the SES signature)
     */
    public GbtSealStructureMaker(SealMaker maker, Clock clock, Function<String, Optional<SealImpression>> vectors) {
        this.maker = maker;
        this.clock = clock;
        this.vectors = vectors;
    }

    @Override
    public Optional<byte[]> make(Seal seal, byte[] imagePng) {
        Optional<SealCertificate> sm2 = seal.certificates().stream()
                .filter(c -> c.algorithm() == SignatureAlgorithm.SM2_SM3)
                .findFirst();
        if (sm2.isEmpty()) {
            return Optional.empty();
        }
        int sizeMm = switch (seal.type()) {
            case ORGANISATION -> 42;
            case LEGAL_REPRESENTATIVE -> 18;
            default -> 40;
        };
        SealMaker.SealRequest request = new SealMaker.SealRequest(
                seal.id(),
                seal.type() == SealType.LEGAL_REPRESENTATIVE ? 2 : 1,
                seal.name(),
                CertList.of(List.of(sm2.get().chain().getFirst())),
                clock.instant(),
                seal.validity().notBefore(),
                seal.validity().notAfter(),
                picture(seal, imagePng, sizeMm),
                List.of());
        return Optional.of(maker.make(request).encoded());
    }

    private SealPicture picture(Seal seal, byte[] imagePng, int sizeMm) {
        return seal.imageId()
                .flatMap(vectors)
                .map(v -> new SealPicture(OfdStampPicture.TYPE, OfdStampPicture.write(v), sizeMm, sizeMm))
                .orElseGet(() -> new SealPicture("PNG", imagePng, sizeMm, sizeMm));
    }
}
