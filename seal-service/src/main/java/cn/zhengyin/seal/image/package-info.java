/**
 * The seal image library (印模库): standard seal impressions generated from a {@link cn.zhengyin.seal.image.SealDesign}
 * as font-free SVG and PNG from one shape model ({@link cn.zhengyin.seal.image.SealArtwork}), custom PNG/SVG uploads
 * checked by {@link cn.zhengyin.seal.image.ImageUploadPolicy} and {@link cn.zhengyin.seal.image.SvgSanitiser}, and
 * content-addressed storage ({@link cn.zhengyin.seal.image.SealImageLibrary}, Mongo {@code seal_images}). Seals refer to
 * an image by its {@code sha256:<hex>} id. HTTP: {@code /api/v1/seal-images}. See docs/seal-images.md.
 */
package cn.zhengyin.seal.image;
