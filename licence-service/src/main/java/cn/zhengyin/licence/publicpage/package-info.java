/** Public pages: the licence status page behind the QR code on every licence. */
package cn.zhengyin.licence.publicpage;
