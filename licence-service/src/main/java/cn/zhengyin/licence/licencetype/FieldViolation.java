package cn.zhengyin.licence.licencetype;

/**
 * A submitted field value that breaks the licence type's schema.
 *
 * @param field   the field key as submitted
 * @param message what is wrong, for an API user
 */
public record FieldViolation(String field, String message) {}
