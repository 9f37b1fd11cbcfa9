package cn.zhengyin.trust.ses;

import cn.zhengyin.trust.fuzz.FuzzSeedsTest;
import java.util.Map;

/** Seeds for {@link SesFuzzTest}: well-formed GB/T 38540-2020 and GM/T 0031-2014 seals and signatures. */
public final class SesFuzzSeeds {

    private SesFuzzSeeds() {}

    public static void write() throws Exception {
        SesFixture f = new SesFixture();
        ElectronicSeal.V4 seal = f.seal();
        byte[] signature = f.signerWithTimestamps(f.now.plusSeconds(5))
                .sign(
                        seal,
                        f.signer,
                        SealSigner.sm3(SesFixture.ORIGINAL),
                        SesFixture.PROPERTY_INFO,
                        f.now.plusSeconds(3))
                .encoded();
        Ses2014LayoutTest legacy = new Ses2014LayoutTest();
        byte[] seal2014 = legacy.seal2014();
        byte[] signature2014 = legacy.signature2014(seal2014);
        FuzzSeedsTest.write(
                SesFuzzTest.class,
                "decodingArbitraryBytesAsASealYieldsASealOrAFormatException",
                Map.of("seed-seal-v4.der", seal.encoded(), "seed-seal-2014.der", seal2014));
        Map<String, byte[]> signatures =
                Map.of("seed-signature-v4-timestamped.der", signature, "seed-signature-2014.der", signature2014);
        FuzzSeedsTest.write(
                SesFuzzTest.class, "decodingArbitraryBytesAsASignatureYieldsASignatureOrAFormatException", signatures);
        FuzzSeedsTest.write(SesFuzzTest.class, "verifyingArbitraryBytesAsASignatureAlwaysYieldsAReport", signatures);
    }
}
