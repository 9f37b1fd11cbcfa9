package cn.zhengyin.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH suite with fixed, short but honest settings and writes {@code jmh.tsv} (benchmark, threads, score,
 * error, unit) and {@code outcomes.tsv} (what each side concluded on the inputs) into the output directory.
 *
 * <p>Settings: 1 fork (the machine has 2 cores: a second fork would double the time and JMH's run-to-run variance
 * on this machine is below the noise other processes cause), warm-up 3 × 2 s (enough for C2 to compile DSS's and
 * PDFBox's hot paths: scores stop moving after the second iteration), measurement 5 × 2 s; every benchmark at 1
 * thread, the PDF pairs also at 2 threads. {@code --group zhengyin} (default: Zhengyin and the crypto limits) or
 * {@code --group dss} (the DSS anchor; start the JVM with DSS's class path, see ./zy). {@code --quick}: 1 × 1 s warm-up, 2 × 1 s measurement (smoke only).
 *
 * <p>Usage: {@code java -cp benchmarks.jar cn.zhengyin.bench.Suite OUT_DIR [--group zhengyin|dss] [--quick] [--include REGEX]}
 */
public final class Suite {
    private Suite() {}

    public static void main(String[] args) throws RunnerException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        boolean quick = List.of(args).contains("--quick");
        String group = option(args, "--group", "zhengyin");
        String include = option(args, "--include", null);
        try {
            Files.createDirectories(out);
            StringBuilder outcomes = new StringBuilder("operation\toutcome\n");
            Map<String, String> described =
                    group.equals("dss") ? Outcomes.dss(new Dss()) : Outcomes.zhengyin(new Zhengyin());
            for (Map.Entry<String, String> e : described.entrySet()) {
                outcomes.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
            }
            Files.writeString(out.resolve("outcomes-" + group + ".tsv"), outcomes, StandardCharsets.UTF_8);
            System.out.print(outcomes);

            StringBuilder tsv = new StringBuilder("benchmark\tthreads\tscore\terror\tunit\n");
            List<String[]> runs = new ArrayList<>();
            String mine = group.equals("dss") ? "DssBenchmarks" : "(ZhengyinBenchmarks|CryptoBenchmarks)";
            runs.add(new String[] {include != null ? include : "cn\\.zhengyin\\.bench\\." + mine + "\\..*", "1"});
            if (include == null) {
                String pdfPair = group.equals("dss") ? "DssBenchmarks\\.pdf.*" : "ZhengyinBenchmarks\\.pdf.*";
                runs.add(new String[] {"cn\\.zhengyin\\.bench\\." + pdfPair, "2"});
            }
            for (String[] run : runs) {
                ChainedOptionsBuilder options = new OptionsBuilder()
                        .include(run[0])
                        .threads(Integer.parseInt(run[1]))
                        .forks(1)
                        .shouldFailOnError(true)
                        .jvmArgsAppend(
                                "-Xmx1g",
                                "-Dzhengyin.keys=" + Fixtures.keysDirectory(),
                                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
                options = quick
                        ? options.warmupIterations(1)
                                .warmupTime(TimeValue.seconds(1))
                                .measurementIterations(2)
                                .measurementTime(TimeValue.seconds(1))
                        : options.warmupIterations(3)
                                .warmupTime(TimeValue.seconds(2))
                                .measurementIterations(5)
                                .measurementTime(TimeValue.seconds(2));
                Collection<RunResult> results = new Runner(options.build()).run();
                for (RunResult r : results) {
                    var primary = r.getPrimaryResult();
                    String name = r.getParams().getBenchmark().replace("cn.zhengyin.bench.", "");
                    tsv.append(name)
                            .append('\t')
                            .append(r.getParams().getThreads())
                            .append('\t')
                            .append(primary.getScore())
                            .append('\t')
                            .append(primary.getScoreError())
                            .append('\t')
                            .append(primary.getScoreUnit())
                            .append('\n');
                }
                Files.writeString(out.resolve("jmh-" + group + ".tsv"), tsv, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
