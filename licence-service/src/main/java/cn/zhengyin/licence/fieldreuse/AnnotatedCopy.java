package cn.zhengyin.licence.fieldreuse;

import java.time.Instant;

/** A 加注件 made for a third party: the signed PDF and what it carries. */
public record AnnotatedCopy(
        String identifier, String purpose, Instant expiresAt, Instant createdAt, String basis, byte[] pdf) {
    public AnnotatedCopy {
        pdf = pdf.clone();
    }

    @Override
    public byte[] pdf() {
        return pdf.clone();
    }
}
