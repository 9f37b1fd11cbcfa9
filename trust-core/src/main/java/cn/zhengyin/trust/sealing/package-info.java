/**
 * Sealing any document (用印, issue #17): an approval system's own PDF or OFD gets one or more seals where it asks —
 * at a page and coordinates in millimetres, centred on a keyword found in the page text, or as a cross-page seal
 * (骑缝章) cut into strips on every page's right edge — each seal its own signature (PAdES-BASELINE-LTA with a
 * visible appearance, or a GB/T 38540 seal signature in the OFD). The documents are checked before anything is
 * signed ({@link cn.zhengyin.trust.sealing.SealingRefusedException}); only digests reach the key
 * ({@link cn.zhengyin.trust.sealing.SealKeyHolder}).
 */
@NullMarked
package cn.zhengyin.trust.sealing;

import org.jspecify.annotations.NullMarked;
