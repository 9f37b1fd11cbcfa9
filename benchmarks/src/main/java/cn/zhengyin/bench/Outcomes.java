package cn.zhengyin.bench;

import cn.zhengyin.trust.validation.DocumentVerificationReport;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.validation.reports.Reports;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each side concludes on the benchmark inputs, written next to the figures; the benchmarks refuse to run when
 * a side would measure a fast failure (Zhengyin not passing its own issued files, DSS finding no signature).
 */
public final class Outcomes {
    private Outcomes() {}

    public static Map<String, String> zhengyin(Zhengyin zhengyin) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(
                "ZhengyinBenchmarks.pdfVerify",
                zhengyin.verifyPdf(Fixtures.issuedPdf()).indication().toString());
        out.put(
                "ZhengyinBenchmarks.xmlVerify",
                zhengyin.verifyXml(Fixtures.issuedXml()).indication().toString());
        byte[] pdf = zhengyin.signPades(Fixtures.renderedPdf());
        out.put(
                "ZhengyinBenchmarks.pdfSign",
                pdf.length + " bytes; verifies " + zhengyin.verifyPdf(pdf).indication());
        byte[] xml = zhengyin.signXml(Fixtures.unsignedXml(), Fixtures.xmlRootId());
        out.put(
                "ZhengyinBenchmarks.xmlSign",
                xml.length + " bytes; verifies " + zhengyin.verifyXml(xml).indication());
        return out;
    }

    public static Map<String, String> dss(Dss dss) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("DssBenchmarks.pdfValidate", describe(dss.validate(Fixtures.issuedPdf())));
        out.put(
                "DssBenchmarks.pdfValidateNoPageComparison",
                describe(dss.validateWithoutPageComparison(Fixtures.issuedPdf())));
        out.put("DssBenchmarks.xmlValidate", describe(dss.validate(Fixtures.issuedXml())));
        byte[] pdf = dss.signPades(Fixtures.renderedPdf());
        out.put("DssBenchmarks.pdfSign", pdf.length + " bytes; DSS validates " + describe(dss.validate(pdf)));
        byte[] xml = dss.signXades(Fixtures.unsignedXml());
        out.put("DssBenchmarks.xmlSign", xml.length + " bytes; DSS validates " + describe(dss.validate(xml)));
        return out;
    }

    static String describe(Reports reports) {
        var simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        if (id == null) {
            return "no signature found";
        }
        Indication indication = simple.getIndication(id);
        return indication + (simple.getSubIndication(id) == null ? "" : "/" + simple.getSubIndication(id));
    }

    static void requirePassed(Zhengyin zhengyin) {
        DocumentVerificationReport pdf = zhengyin.verifyPdf(Fixtures.issuedPdf());
        DocumentVerificationReport xml = zhengyin.verifyXml(Fixtures.issuedXml());
        if (!pdf.isPassed() || !xml.isPassed()) {
            throw new IllegalStateException(
                    "the fixtures do not verify with Zhengyin (PDF " + pdf.indication() + ", XML " + xml.indication()
                            + "); regenerate them (benchmarks/src/main/resources/fixtures/README.md)");
        }
    }

    static void requireSignatureFound(Dss dss) {
        if (dss.validate(Fixtures.issuedPdf()).getSimpleReport().getFirstSignatureId() == null
                || dss.validate(Fixtures.issuedXml()).getSimpleReport().getFirstSignatureId() == null) {
            throw new IllegalStateException("DSS finds no signature in the fixtures: is it running on its own Bouncy"
                    + " Castle version (target/dss-libs first on the class path)?");
        }
    }
}
