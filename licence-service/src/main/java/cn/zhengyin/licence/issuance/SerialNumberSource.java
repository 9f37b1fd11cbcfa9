package cn.zhengyin.licence.issuance;

/** Port: hands out serials (流水号) that are never handed out twice for the same type and issuer. */
public interface SerialNumberSource {

    /** The next serial for licences of {@code typeCode} issued by {@code issuerCode} in {@code year}. */
    String next(String typeCode, String issuerCode, int year);
}
