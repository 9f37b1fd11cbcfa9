/**
 * Licence types as data (证照目录, GB/T 36902): each type is a folder {@code templates/<slug>/} holding
 * {@code type.json} (the catalogue descriptor), {@code fields.json} (the field schema), {@code layout.json} (the
 * printed appearance) and {@code sample.json} (fictional sample data). The records here are plain Java; JSON parsing
 * lives in {@link cn.zhengyin.licence.licencetype.JsonLicenceTypeLoader}, which validates a whole template and reports
 * every problem at once. {@link cn.zhengyin.licence.licencetype.FieldValidator} checks submitted field values. The
 * public catalogue API ({@code GET /api/v1/licence-types}, GB/T 36902 catalogue elements, no authentication) is in
 * {@code internal}.
 */
package cn.zhengyin.licence.licencetype;
