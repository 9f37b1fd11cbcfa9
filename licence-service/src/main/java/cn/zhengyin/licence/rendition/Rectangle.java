package cn.zhengyin.licence.rendition;

/**
 * A rectangle on the first (only) page of a rendered licence, in PDF user-space points (1/72 inch) with the origin at
 * the lower-left corner of the page, as {@code org.apache.pdfbox.pdmodel.common.PDRectangle} expects.
 */
public record Rectangle(float lowerLeftX, float lowerLeftY, float width, float height) {}
