/**
 * PAdES (ETSI EN 319 142-1) with PDFBox: two-phase signing ({@link cn.zhengyin.trust.pdf.PadesPreparer} prepares
 * the signature dictionary and ByteRange and yields the digest; {@link cn.zhengyin.trust.pdf.PadesPreparation}
 * embeds the CMS made elsewhere) and verification ({@link cn.zhengyin.trust.pdf.PdfSignatureVerifier}).
 */
package cn.zhengyin.trust.pdf;
