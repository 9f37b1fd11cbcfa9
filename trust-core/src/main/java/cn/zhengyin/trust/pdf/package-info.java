/**
 * PAdES (ETSI EN 319 142-1) with PDFBox: two-phase signing ({@link cn.zhengyin.trust.pdf.PadesPreparer} prepares
 * the signature dictionary and ByteRange and yields the digest; {@link cn.zhengyin.trust.pdf.PadesPreparation}
 * embeds the CMS made elsewhere), baseline B-LT extension ({@link cn.zhengyin.trust.pdf.LtvCollector} gathers
 * certificates and CRLs, {@link cn.zhengyin.trust.pdf.PadesLtvExtender} writes the DSS), baseline LTA and archive
 * renewal ({@link cn.zhengyin.trust.pdf.PadesLtaExtender}: DSS update, then a document time-stamp) and verification
 * ({@link cn.zhengyin.trust.pdf.PdfSignatureVerifier}, using the embedded DSS first), including every revision: what
 * was added after each signature is compared object by object with what it signed ({@code PdfRevisionAnalyser},
 * {@code PdfRevisionChecks}) and the ByteRange is tied to the signature's own {@code /Contents} in the raw file
 * ({@code SignatureDictionaryScanner}).
 */
package cn.zhengyin.trust.pdf;
