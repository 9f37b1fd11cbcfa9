package cn.zhengyin.bench;

import eu.europa.esig.dss.validation.reports.Reports;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The EU DSS 6.4 anchor on the same files as {@link ZhengyinBenchmarks}: validation (default policy, full reports)
 * of the issued licence PDF and XML, PAdES-BASELINE-B signing of the rendered PDF, XAdES-BASELINE-B (enveloped)
 * signing of the unsigned XML. Run on DSS's own library versions (see the module pom).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DssBenchmarks {
    private Dss dss;
    private byte[] issuedPdf;
    private byte[] issuedXml;
    private byte[] renderedPdf;
    private byte[] unsignedXml;

    @Setup
    public void setUp() {
        dss = new Dss();
        issuedPdf = Fixtures.issuedPdf();
        issuedXml = Fixtures.issuedXml();
        renderedPdf = Fixtures.renderedPdf();
        unsignedXml = Fixtures.unsignedXml();
        Outcomes.requireSignatureFound(dss);
    }

    @Benchmark
    public Reports pdfValidate() {
        return dss.validate(issuedPdf);
    }

    @Benchmark
    public Reports pdfValidateNoPageComparison() {
        return dss.validateWithoutPageComparison(issuedPdf);
    }

    @Benchmark
    public Reports xmlValidate() {
        return dss.validate(issuedXml);
    }

    @Benchmark
    public byte[] pdfSign() {
        return dss.signPades(renderedPdf);
    }

    @Benchmark
    public byte[] xmlSign() {
        return dss.signXades(unsignedXml);
    }
}
