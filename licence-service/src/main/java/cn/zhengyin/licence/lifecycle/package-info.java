/**
 * A licence after issuance: new versions (变更 amend, 延续 renew, 更正 correct), each with its own files, signature and
 * check character while the previous version is superseded but stays verifiable; and status changes (暂扣 suspend,
 * reinstate, 吊销 revoke, 注销 cancel). Every change is an event kept for ever; illegal changes are refused.
 */
package cn.zhengyin.licence.lifecycle;
