package cn.zhengyin.trust.xml;

import org.apache.xml.security.Init;

/** Initialises Apache Santuario's algorithm registry once (idempotent library setup, no provider registration). */
final class Santuario {
    private Santuario() {}

    static void init() {
        Init.init();
    }
}
