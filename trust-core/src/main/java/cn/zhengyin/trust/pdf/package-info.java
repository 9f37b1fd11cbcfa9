/**
 * PAdES (ETSI EN 319 142-1) with PDFBox: two-phase signing ({@link cn.zhengyin.trust.pdf.PadesPreparer} prepares
 * the signature dictionary and ByteRange and yields the digest; {@link cn.zhengyin.trust.pdf.PadesPreparation}
 * embeds the CMS made elsewhere), baseline B-LT extension ({@link cn.zhengyin.trust.pdf.LtvCollector} gathers
 * certificates and CRLs, {@link cn.zhengyin.trust.pdf.PadesLtvExtender} appends the DSS) and verification
 * ({@link cn.zhengyin.trust.pdf.PdfSignatureVerifier}, using the embedded DSS first).
 */
package cn.zhengyin.trust.pdf;
