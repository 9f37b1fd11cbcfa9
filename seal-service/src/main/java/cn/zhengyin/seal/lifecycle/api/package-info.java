/** The seal lifecycle's REST API under {@code /api/v1/seals} and the usage audit under {@code /api/v1/seal-usages}. */
package cn.zhengyin.seal.lifecycle.api;
