/**
 * Sealing any document (用印, issue #17): an approval system uploads its own PDF or OFD and says which seals go where;
 * the document is checked, the seals placed and signed in order — only digests reach the key, through the signing
 * service's checks and usage log — and the sealed file is returned. The document is not stored; each signature's
 * usage record holds the case number, the document's hash and the position. Through the API the document is not
 * stored; a sealing request of the console ({@link cn.zhengyin.seal.sealing.SealingRequestService}, 用印审批) keeps it
 * until an approver decides or it expires.
 */
package cn.zhengyin.seal.sealing;
