package cn.zhengyin.licence.bulkimport.internal;

/** The import as a whole cannot be read (e.g. a CSV without a valid header row); nothing was issued. */
final class InvalidImportException extends RuntimeException {
    InvalidImportException(String message) {
        super(message);
    }
}
