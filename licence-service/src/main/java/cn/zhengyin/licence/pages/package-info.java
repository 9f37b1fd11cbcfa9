/**
 * What the server-rendered pages show (the wallet, the share page, the public status and verification pages): plain
 * records with text already formatted, and the formatting rules they share (times in China, seal names, field labels
 * in the page's language).
 */
package cn.zhengyin.licence.pages;
