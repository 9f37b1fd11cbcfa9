package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.fuzz.FuzzSeedsTest;
import cn.zhengyin.trust.testing.TestPki;
import java.time.Instant;
import java.util.Map;

/** Seeds for {@link XmlFuzzTest}: a XAdES-signed licence and the hostile samples (XXE, billion laughs). */
public final class XmlFuzzSeeds {

    private XmlFuzzSeeds() {}

    public static void write() throws Exception {
        Instant now = Instant.parse("2026-11-21T08:00:00Z");
        byte[] signed = new XadesEnvelopedSigner()
                .sign(
                        XmlFixtures.unsignedLicence(),
                        XmlFixtures.ROOT_ID,
                        TestPki.create(now).signerKey(),
                        now);
        Map<String, byte[]> seeds = Map.of(
                "seed-signed-licence.xml",
                signed,
                "seed-billion-laughs.xml",
                XmlFixtures.resource("invalid/billion-laughs.xml"),
                "seed-xxe-parameter-entity.xml",
                XmlFixtures.resource("invalid/xxe-parameter-entity.xml"),
                "seed-xinclude.xml",
                XmlFixtures.resource("invalid/xinclude.xml"));
        FuzzSeedsTest.write(XmlFuzzTest.class, "parsingArbitraryBytesYieldsADocumentOrAFormatException", seeds);
        FuzzSeedsTest.write(XmlFuzzTest.class, "verifyingArbitraryBytesAsSignedXmlAlwaysYieldsAReport", seeds);
    }
}
