/**
 * Renewal of the archive time-stamp (PAdES-LTA, ETSI EN 319 142-1): before the TSA certificate of a stored licence
 * PDF's last document time-stamp expires, the PDF gets fresh validation data and a new document time-stamp
 * ({@link cn.zhengyin.licence.archive.ArchiveRenewal}). The renewed file is stored as a further file of the same
 * version and its hashes are added to the registry; nothing is replaced. A scheduled job (off by default,
 * {@code zhengyin.lta-renewal.*}) and {@code POST /api/v1/licences/{identifier}/archive-renewals} run it.
 */
package cn.zhengyin.licence.archive;
