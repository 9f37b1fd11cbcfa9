/**
 * Sealing any document (用印, issue #17): an approval system uploads its own PDF or OFD and says which seals go where;
 * the document is checked, the seals placed and signed in order — only digests reach the key, through the signing
 * service's checks and usage log — and the sealed file is returned. The document is not stored; each signature's
 * usage record holds the case number, the document's hash and the position.
 */
package cn.zhengyin.seal.sealing;
