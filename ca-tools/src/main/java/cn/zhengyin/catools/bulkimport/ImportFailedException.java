package cn.zhengyin.catools.bulkimport;

/** The import could not be carried out or was cut off (connection, authentication, refused request). */
final class ImportFailedException extends RuntimeException {
    ImportFailedException(String message) {
        super(message);
    }
}
