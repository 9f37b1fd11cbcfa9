/**
 * MongoDB wiring for both services: connects Boot's {@code MongoClient} to {@code MONGODB_URI} when one is set, and
 * otherwise starts an embedded, durable MongoDB wire-protocol server ({@link cn.zhengyin.service.store.EmbeddedMongoServer})
 * backed by an H2 MVStore file in which every acknowledged write is committed before the reply is sent.
 */
package cn.zhengyin.service.store;
