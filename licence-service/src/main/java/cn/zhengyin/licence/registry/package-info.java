/**
 * The licence registry (电子证照库): licences (one per identifier root, holding status and history) and their immutable
 * versions with the hashes of every rendition. Ports {@link cn.zhengyin.licence.registry.LicenceRegistry} and
 * {@link cn.zhengyin.licence.registry.LicenceFileStore}; MongoDB adapters beside them.
 */
package cn.zhengyin.licence.registry;
