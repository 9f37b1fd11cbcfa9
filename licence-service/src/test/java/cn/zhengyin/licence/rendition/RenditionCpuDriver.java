package cn.zhengyin.licence.rendition;

import cn.zhengyin.licence.licencetype.JsonLicenceTypeLoader;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue #18's measuring driver for the renditions (not a test; run by hand): renders the PDF, OFD and XML of each
 * shipped licence type over and over on one thread, with a new serial (so a new QR code) per licence, and prints the
 * thread's CPU time per licence for each rendition plus the digests the issuance computes of them. It also prints a
 * fingerprint (SHA-256 over the PDF, the OFD's parts and the XML of a fixed series) so a change that must keep the bytes can show it
 * did.
 *
 * <pre>
 * java -cp licence-service/target/test-classes:licence-service/target/classes:$(cat cp.txt) \
 *     cn.zhengyin.licence.rendition.RenditionCpuDriver templates 300
 * </pre>
 */
public final class RenditionCpuDriver {
    private static final Instant AT = Instant.parse("2024-05-20T02:30:00Z");

    public static void main(String[] args) throws Exception {
        Path templates = Path.of(args.length > 0 ? args[0] : "templates");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<String> slugs = List.of("business-licence", "food-business-licence", "physician-certificate");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        LicencePdfRenderer pdf = new LicencePdfRenderer();
        LicenceOfdRenderer ofd = new LicenceOfdRenderer();
        LicenceXmlRenderer xml = new LicenceXmlRenderer();
        MessageDigest fingerprint = MessageDigest.getInstance("SHA-256");
        MessageDigest pdfPrint = MessageDigest.getInstance("SHA-256");
        MessageDigest ofdPrint = MessageDigest.getInstance("SHA-256");
        for (String slug : slugs) {
            LicenceType type = new JsonLicenceTypeLoader().load(templates.resolve(slug));
            Map<String, String> values = type.sample().fieldValuesAsText();
            for (int round = 0; round < 2; round++) { // round 0 warms up
                long[] ns = new long[4];
                for (int i = 0; i < n; i++) {
                    String serial = type.sample()
                                    .serial()
                                    .substring(0, type.sample().serial().length() - 6)
                            + String.format("%06d", i);
                    LicenceIdentifier id = LicenceIdentifier.first(
                            type.typeCode(), type.sample().issuerCode(), serial);
                    RenderContext ctx = new RenderContext(id, "https://zhengyin.example.cn/v/" + id, AT);
                    LicenceXmlMetadata meta = new LicenceXmlMetadata(
                            id,
                            "证印示范市市场监督管理局",
                            type.sample().issuerCode(),
                            LocalDate.of(2024, 5, 20),
                            LocalDate.of(2024, 5, 20),
                            Optional.empty());
                    long t0 = cpu.getCurrentThreadCpuTime();
                    byte[] p = pdf.render(type, values, ctx);
                    long t1 = cpu.getCurrentThreadCpuTime();
                    byte[] o = ofd.render(type, values, ctx, meta);
                    long t2 = cpu.getCurrentThreadCpuTime();
                    byte[] x = cn.zhengyin.trust.xml.SecureXml.serialize(xml.render(type, values, meta));
                    long t3 = cpu.getCurrentThreadCpuTime();
                    for (byte[] b : List.of(p, o, x)) {
                        Digests.sha256(b);
                        Digests.sm3(b);
                    }
                    long t4 = cpu.getCurrentThreadCpuTime();
                    ns[0] += t1 - t0;
                    ns[1] += t2 - t1;
                    ns[2] += t3 - t2;
                    ns[3] += t4 - t3;
                    if (round == 1 && i < 20) {
                        fingerprint.update(p);
                        pdfPrint.update(p);
                        // the OFD's zip carries the files' times and their order; its parts are what must not change
                        new java.util.TreeMap<>(
                                        cn.zhengyin.trust.ofd.OfdPackage.read(o).parts())
                                .forEach((name, bytes) -> {
                                    ofdPrint.update(name.getBytes(StandardCharsets.UTF_8));
                                    ofdPrint.update(bytes);
                                });
                        fingerprint.update(x);
                    }
                    if (round == 1 && i == 0) {
                        System.out.printf(
                                "%s sizes: pdf %d, ofd %d, xml %d bytes%n", slug, p.length, o.length, x.length);
                    }
                }
                if (round == 1) {
                    System.out.printf(
                            "%-22s CPU ms per licence: pdf %.2f  ofd %.2f  xml %.2f  digests %.2f  total %.2f%n",
                            slug,
                            ns[0] / 1e6 / n,
                            ns[1] / 1e6 / n,
                            ns[2] / 1e6 / n,
                            ns[3] / 1e6 / n,
                            (ns[0] + ns[1] + ns[2] + ns[3]) / 1e6 / n);
                }
            }
        }
        System.out.println("fingerprint " + HexFormat.of().formatHex(fingerprint.digest()) + " pdf "
                + HexFormat.of().formatHex(pdfPrint.digest()) + " ofd "
                + HexFormat.of().formatHex(ofdPrint.digest()));
    }
}
