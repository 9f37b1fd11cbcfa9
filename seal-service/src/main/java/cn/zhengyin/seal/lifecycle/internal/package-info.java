/**
 * The seal lifecycle's adapters: its REST API under {@code /api/v1/seals} ({@code SealController}, problem+json for
 * the seal exceptions), the Mongo seal store with its audit decorator, and the Spring wiring of the lifecycle's own
 * beans.
 */
package cn.zhengyin.seal.lifecycle.internal;
