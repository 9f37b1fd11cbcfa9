/**
 * The public licence-type catalogue (证照目录, GB/T 36902): {@code GET /api/v1/licence-types[/{typeCodeOrSlug}]}
 * answers each type's catalogue elements (STANDARDS.md §1.2, as lowerCamelCase JSON) and its field schema, read from
 * {@link cn.zhengyin.licence.licencetype.LicenceTypeCatalogue}. Public information: no authentication.
 */
package cn.zhengyin.licence.catalogue;
