package cn.zhengyin.licence.licencetype;

/**
 * One thing wrong with a licence type template.
 *
 * @param file    e.g. {@code business-licence/fields.json}
 * @param path    JSON path within the file, e.g. {@code fields[3].maxLength}
 * @param message what is wrong and how to fix it
 */
public record TemplateProblem(String file, String path, String message) {

    @Override
    public String toString() {
        return file + (path.isEmpty() ? "" : " " + path) + ": " + message;
    }
}
