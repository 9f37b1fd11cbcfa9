package cn.zhengyin.catools;

import java.io.PrintWriter;
import java.time.Clock;

/** Lets tests in sub-packages run a ca-tools command line. */
public final class CaToolsRunner {
    private CaToolsRunner() {}

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return CaTools.run(Clock.systemUTC(), out, err, args);
    }
}
