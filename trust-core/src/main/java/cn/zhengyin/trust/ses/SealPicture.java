package cn.zhengyin.trust.ses;

import java.util.Objects;

/**
 * SES_ESPictrueInfo (sic, GB/T 38540): {@code SEQUENCE { type IA5String, data OCTET STRING, width INTEGER,
 * height INTEGER }}.
 *
 * @param type     image type, e.g. "PNG", "GIF", "BMP", "JPG", "SVG", "OFD"
 * @param data     the image bytes
 * @param widthMm  display width in millimetres
 * @param heightMm display height in millimetres
 */
public record SealPicture(String type, byte[] data, int widthMm, int heightMm) {

    public SealPicture {
        Objects.requireNonNull(type, "type");
        data = Objects.requireNonNull(data, "data").clone();
    }

    /** @return a copy of the image bytes */
    @Override
    public byte[] data() {
        return data.clone();
    }
}
