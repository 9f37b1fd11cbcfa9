/**
 * 加注件 (annotated copies, STANDARDS.md §1.3): the registered licence PDF, unchanged, plus one incremental update
 * with long-term validation data and a second PAdES signature whose visible appearance is the annotation stamp
 * (用证事由, 有效期, 制作者, 制作时间). The original signature keeps covering the original revision byte for byte and the
 * verifier's revision analysis allows a later signature, so both signatures verify.
 */
package cn.zhengyin.licence.fieldreuse.copy;
