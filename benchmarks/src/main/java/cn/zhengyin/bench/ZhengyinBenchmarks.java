package cn.zhengyin.bench;

import cn.zhengyin.trust.validation.DocumentVerificationReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Zhengyin on the issued licence files: verification of the PDF and the XML (full report each) and signing of the
 * rendered PDF (PAdES B-T) and the unsigned XML (XAdES). Anchored by {@link DssBenchmarks} on the same files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ZhengyinBenchmarks {
    private Zhengyin zhengyin;
    private byte[] issuedPdf;
    private byte[] issuedXml;
    private byte[] renderedPdf;
    private byte[] unsignedXml;
    private String rootId;

    @Setup
    public void setUp() {
        zhengyin = new Zhengyin();
        issuedPdf = Fixtures.issuedPdf();
        issuedXml = Fixtures.issuedXml();
        renderedPdf = Fixtures.renderedPdf();
        unsignedXml = Fixtures.unsignedXml();
        rootId = Fixtures.xmlRootId();
        Outcomes.requirePassed(zhengyin);
    }

    @Benchmark
    public DocumentVerificationReport pdfVerify() {
        return zhengyin.verifyPdf(issuedPdf);
    }

    @Benchmark
    public DocumentVerificationReport xmlVerify() {
        return zhengyin.verifyXml(issuedXml);
    }

    @Benchmark
    public byte[] pdfSign() {
        return zhengyin.signPades(renderedPdf);
    }

    @Benchmark
    public byte[] xmlSign() {
        return zhengyin.signXml(unsignedXml, rootId);
    }
}
