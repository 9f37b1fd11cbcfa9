/**
 * Renditions of a licence version. {@link cn.zhengyin.licence.rendition.LicencePdfRenderer} draws the printable PDF
 * from a licence type's layout and the field values: the bundled CJK Song face embedded as a subset, a verification
 * QR code, the identifier in small print, and a free area where the signature appearance will carry the seal.
 * Nothing here signs or stores.
 */
package cn.zhengyin.licence.rendition;
