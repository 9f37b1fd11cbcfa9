/** Work a service repeats while it runs (a refresh on a fixed delay), started and stopped with the application. */
package cn.zhengyin.service.scheduling;
