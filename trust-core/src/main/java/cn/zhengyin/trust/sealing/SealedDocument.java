package cn.zhengyin.trust.sealing;

import java.util.List;

/**
 * A sealed document and where its seals are.
 *
 * @param document the sealed file
 * @param seals    one per {@link SealUse}, in order
 */
public record SealedDocument(byte[] document, List<PlacedSeal> seals) {
    public SealedDocument {
        seals = List.copyOf(seals);
    }
}
