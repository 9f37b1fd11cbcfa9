/**
 * Start-up recovery of half-done licence changes: versions a crash left without their licence head reaching them.
 */
package cn.zhengyin.licence.recovery;
