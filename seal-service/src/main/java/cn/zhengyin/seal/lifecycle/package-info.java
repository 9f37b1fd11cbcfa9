/**
 * The electronic seal's life (电子印章全生命周期): application, four-eyes approval, making (keys generated in custody,
 * certificates issued by the CA, image, GB/T 38540 SESeal), issue, suspension (挂失) and reinstatement (解挂),
 * revocation (注销) and destruction of the keys. The domain types ({@link cn.zhengyin.seal.lifecycle.Seal} and its
 * values, the ports) are plain Java; the Mongo, CA and Spring adapters sit beside them.
 *
 * <p>Each transition is one conditional single-document update of the seal (optimistic {@code revision}); side
 * effects are made retry-safe by storing their results on the seal before the state changes.
 */
package cn.zhengyin.seal.lifecycle;
