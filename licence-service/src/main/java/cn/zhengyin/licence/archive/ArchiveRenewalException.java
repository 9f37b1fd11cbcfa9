package cn.zhengyin.licence.archive;

/** An archive time-stamp renewal that cannot be done: no such version, no PDF, an unreadable time-stamp. */
public final class ArchiveRenewalException extends RuntimeException {
    public ArchiveRenewalException(String message) {
        super(message);
    }

    public ArchiveRenewalException(String message, Throwable cause) {
        super(message, cause);
    }
}
