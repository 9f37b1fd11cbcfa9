/**
 * The verification report model, in the vocabulary of ETSI EN 319 102-1 (§5.1.3 indications and
 * sub-indications) and the EU DSS simple report: plain records, serialised by the services with Jackson.
 * Fail closed: nothing is {@link cn.zhengyin.trust.validation.Indication#TOTAL_PASSED} unless proven.
 */
package cn.zhengyin.trust.validation;
