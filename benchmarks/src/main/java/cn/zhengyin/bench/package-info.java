/**
 * Measuring instrument of issue #8 (run by {@code ./zy bench}, never by the test build): JMH benchmarks of Zhengyin's
 * signing and verification side by side with their anchors (EU DSS 6.4 and the raw Bouncy Castle / JDK crypto
 * limits), an HTTP load driver for the running services ({@link cn.zhengyin.bench.LoadDriver}), a large-PDF memory
 * check and the writer of {@code docs/performance.md}. Inputs are a licence PDF and XML issued by the service
 * (resources {@code fixtures/}) and the dev keys in {@code keys-dev/}.
 */
package cn.zhengyin.bench;
