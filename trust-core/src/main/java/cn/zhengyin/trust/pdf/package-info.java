/**
 * PAdES (ETSI EN 319 142-1) with PDFBox: two-phase signing ({@link cn.zhengyin.trust.pdf.PadesPreparer} prepares
 * the signature dictionary and ByteRange and yields the digest; {@link cn.zhengyin.trust.pdf.PadesPreparation}
 * embeds the CMS made elsewhere) and verification ({@link cn.zhengyin.trust.pdf.PdfSignatureVerifier}), including
 * every revision: what was added after each signature is compared object by object with what it signed
 * ({@code PdfRevisionAnalyser}, {@code PdfRevisionChecks}) and the ByteRange is tied to the signature's own
 * {@code /Contents} in the raw file ({@code SignatureDictionaryScanner}).
 */
package cn.zhengyin.trust.pdf;
