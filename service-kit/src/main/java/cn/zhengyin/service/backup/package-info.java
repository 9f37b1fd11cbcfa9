/**
 * Export and restore of a service's MongoDB database (every collection, as gzip'd canonical Extended JSON with a
 * SHA-256 manifest), for the embedded store and for small real deployments; production uses mongodump/mongorestore.
 */
package cn.zhengyin.service.backup;
