/**
 * The {@code ca-tools} command line: one picocli class per sub-command, options only; the logic lives in
 * {@code cn.zhengyin.trust.pki}. Composition root: {@link cn.zhengyin.catools.CaTools}.
 */
package cn.zhengyin.catools;
