package cn.zhengyin.trust.ofd;

import cn.zhengyin.trust.ses.ElectronicSeal;
import cn.zhengyin.trust.ses.SesFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small OFD packages for tests (here and in ca-tools): unsigned, and sealed with the dev SM2 seal. */
public final class TestOfds {
    private TestOfds() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A small OFD with the parts a licence has: entry, document, page content, resources, a font file. */
    public static byte[] unsigned() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(
                "OFD.xml",
                utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\""
                        + " Version=\"1.1\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>d41d8cd98f00b204e9800998"
                        + "ecf8427e</ofd:DocID><ofd:CustomDatas><ofd:CustomData Name=\"证照标识\">1.2.156.3005.2.x"
                        + "</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml"
                        + "</ofd:DocRoot></ofd:DocBody></ofd:OFD>"));
        parts.put(
                "Doc_0/Document.xml",
                utf8(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\">"
                                + "<ofd:CommonData><ofd:MaxUnitID>4</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                                + "</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
                                + "</ofd:CommonData><ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/>"
                                + "</ofd:Pages></ofd:Document>"));
        parts.put(
                "Doc_0/DocumentRes.xml",
                utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Res xmlns:ofd=\"http://www.ofdspec.org/2016\""
                        + " BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"2\" FontName=\"Song\"><ofd:FontFile>font.ttf"
                        + "</ofd:FontFile></ofd:Font></ofd:Fonts></ofd:Res>"));
        parts.put(
                "Doc_0/Pages/Page_0/Content.xml",
                utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\">"
                        + "<ofd:Content><ofd:Layer ID=\"3\"><ofd:TextObject ID=\"4\" Boundary=\"20 20 100 10\""
                        + " Font=\"2\" Size=\"5\"><ofd:TextCode X=\"0\" Y=\"5\">营业执照</ofd:TextCode>"
                        + "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"));
        parts.put("Doc_0/Res/font.ttf", new byte[] {0, 1, 0, 0, 0, 5, 1, 2, 3, 4});
        return OfdPackage.of(parts).write();
    }

    /** Seals with the fixture's dev SM2 seal and signer, time-stamped by its TSA, at {@code at}. */
    public static byte[] seal(SesFixture f, ElectronicSeal.V4 seal, byte[] ofd, Instant at) {
        OfdSignaturePreparation prepared = new OfdSealPreparer("Zhengyin", "test")
                .prepare(ofd, seal.encoded(), List.of(new OfdSealPreparer.Stamp(0, 150, 240, 42, 42)), at);
        byte[] ses = f.signerWithTimestamps(at)
                .sign(seal, f.signer, prepared.dataHash(), prepared.propertyInfo(), at)
                .encoded();
        return prepared.complete(ses);
    }
}
