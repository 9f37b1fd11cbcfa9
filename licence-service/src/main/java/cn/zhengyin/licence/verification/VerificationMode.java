package cn.zhengyin.licence.verification;

/** What a verification report is about. */
public enum VerificationMode {
    /** A licence file (PDF or XML): its signatures and the registry's record of the exact file. */
    FILE,
    /** A GB/T 38540 SES_Signature with the data it signs. */
    SES_SIGNATURE,
    /**
     * Only an identifier and a hash the caller computed over a file it keeps: the registry is asked whether that hash
     * is a registered rendition of the licence. No signature is checked; the file never reaches the service.
     */
    HASH_ONLY
}
