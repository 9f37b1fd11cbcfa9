package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.fieldreuse.CopyMaker;
import cn.zhengyin.licence.sealing.LicenceSealer.SealingFailedException;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.licence.sealing.client.SealServiceRevocationSource;
import cn.zhengyin.trust.TrustException;
import cn.zhengyin.trust.font.CjkFace;
import cn.zhengyin.trust.font.FontChain;
import cn.zhengyin.trust.pdf.ContentsReservation;
import cn.zhengyin.trust.pdf.LtvCollector;
import cn.zhengyin.trust.pdf.PadesLtvExtender;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pdf.VisibleAppearance;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextAttribute;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.text.AttributedString;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * {@link CopyMaker} that signs through the seal service's digest-signing API exactly as issuance does
 * ({@code POST /api/v1/signatures/pades}, only the digest travels), with the seal of the original licence's issuing
 * authority (the seal service signs a licence's files only with its issuer's seal). The stamp is drawn
 * with the bundled Song face (and, glyph by glyph, the licence font chain's fallback faces) into a 300 dpi image that is the new signature widget's appearance; the same text is the
 * signature dictionary's {@code /Reason}, so it is machine-readable too (pdfsig, Acrobat's signature panel).
 */
public final class SealedCopyMaker implements CopyMaker {
    private static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(CHINA);
    private static final long MAX_PDF_BYTES = 16L * 1024 * 1024;
    /** Stamp size in PDF points, and its distance from the page's lower-left corner. */
    static final float WIDTH = 300, HEIGHT = 84, MARGIN = 18;

    private static final float DPI = 300;

    private final SealServiceClient sealService;
    private final ApprovalSystems authorities;
    private final PadesPreparer preparer = new PadesPreparer(MAX_PDF_BYTES);
    private final ContentsReservation reservation = new ContentsReservation();
    private final PadesLtvExtender ltvExtender = new PadesLtvExtender(MAX_PDF_BYTES);
    private final LtvCollector ltvCollector;
    /** The stamp's fonts, one per face of the licence font chain, loaded when a character first needs it. */
    private final Map<CjkFace, Font> fonts = new EnumMap<>(CjkFace.class);

    /** @param authorities where the seal of the original licence's issuing authority is found */
    public SealedCopyMaker(SealServiceClient sealService, ApprovalSystems authorities) {
        this.sealService = sealService;
        this.authorities = authorities;
        this.ltvCollector = new LtvCollector(new SealServiceRevocationSource(sealService), MAX_PDF_BYTES);
        font(CjkFace.SONG_TI);
    }

    private Font font(CjkFace face) {
        synchronized (fonts) {
            return fonts.computeIfAbsent(face, f -> {
                try (InputStream in = f.openStream()) {
                    return Font.createFont(Font.TRUETYPE_FONT, in);
                } catch (FontFormatException | IOException e) {
                    throw new IllegalStateException(
                            "cannot load the bundled " + f.familyName() + " face for the" + " 加注件 stamp", e);
                }
            });
        }
    }

    /**
     * A line of the stamp with each character in the first face of the licence font chain that has it (the Song face
     * for GB 2312, the fallback faces for the rest of GB 18030-2022; a character no face has falls to the Song face).
     */
    private AttributedString styled(String line, float size) {
        AttributedString text = new AttributedString(line);
        FontChain chain = FontChain.cjk();
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int next = i + Character.charCount(cp);
            CjkFace face = chain.faceFor(cp).orElse(CjkFace.SONG_TI);
            text.addAttribute(TextAttribute.FONT, font(face).deriveFont(Font.PLAIN, size), i, next);
            i = next;
        }
        return text;
    }

    record PadesDigestRequest(String sealId, String digestAlgorithm, String digest, String licenceIdentifier) {}

    record PadesDigestResponse(String sealId, String format, String cms) {}

    @Override
    public byte[] annotate(byte[] originalPdf, Annotation a) {
        String sealId = authorities
                .sealOf(a.issuerCode())
                .orElseThrow(() -> new SealingFailedException(
                        "no seal is configured for the issuing authority " + a.issuerCode() + " of " + a.identifier()
                                + " (zhengyin.approval-systems); its 加注件 cannot be sealed",
                        false,
                        null));
        List<X509Certificate> chain = sealService.ecdsaChain(sealId);
        PDRectangle page = firstPage(originalPdf);
        byte[] withLtv;
        try {
            withLtv = ltvExtender.addDss(originalPdf, ltvCollector.collectFor(chain));
        } catch (TrustException e) {
            throw new SealingFailedException(
                    "the long-term validation data could not be added: " + e.getMessage(), true, e);
        }
        float x = page.getLowerLeftX() + MARGIN;
        float y = page.getLowerLeftY() + MARGIN;
        byte[] stamp = stamp(a, lines(a));
        return reservation.sign(
                sealId,
                chain,
                reserve -> preparer.prepare(
                        withLtv,
                        new SignatureRequest(
                                a.creator(),
                                reason(a),
                                "",
                                a.createdAt(),
                                Optional.of(new VisibleAppearance(0, x, y, WIDTH, HEIGHT, stamp)),
                                reserve)),
                digest -> {
                    PadesDigestResponse signed = sealService.sign(
                            "/api/v1/signatures/pades",
                            new PadesDigestRequest(
                                    sealId, "SHA-256", Base64.getEncoder().encodeToString(digest), a.identifier()),
                            PadesDigestResponse.class);
                    if (signed == null || signed.cms() == null) {
                        throw new SealingFailedException("the seal service returned no CMS", true, null);
                    }
                    return Base64.getDecoder().decode(signed.cms());
                });
    }

    /** The {@code /Reason} of the copy's signature: every 加注件 element in one line. */
    public static String reason(Annotation a) {
        return "加注件 " + purposeLabel(a) + a.purpose() + "；有效期至：" + SHOWN.format(a.expiresAt()) + "（北京时间）；制作者："
                + a.creator() + "；制作时间：" + SHOWN.format(a.createdAt()) + "；使用方：" + a.recipient()
                + "；证照标识：" + a.identifier();
    }

    /**
     * Says whose words the purpose is: a service item's configured 用证事由 is the service's own; a consent's purpose
     * is the holder's, and marked so — text someone else wrote is never shown as the authority's.
     */
    static String purposeLabel(Annotation a) {
        return switch (a.purposeSource()) {
            case SERVICE_ITEM -> "用证事由：";
            case HOLDER -> "用证事由（持证人填写）：";
        };
    }

    /** Characters per stamp line, and how many lines the purpose may take (a purpose of the maximum length fits). */
    private static final int PER_LINE = 26, PURPOSE_LINES = 3;

    static List<String> lines(Annotation a) {
        List<String> lines = new ArrayList<>();
        lines.add("加注件  仅供" + a.recipient() + "使用");
        int[] purpose = (purposeLabel(a) + a.purpose()).codePoints().toArray();
        for (int i = 0; i < purpose.length && i < PER_LINE * PURPOSE_LINES; i += PER_LINE) {
            int end = Math.min(purpose.length, i + PER_LINE);
            boolean cut = end < purpose.length && i + PER_LINE >= PER_LINE * PURPOSE_LINES;
            // a purpose stored before the length rule may be longer: its last line ends in an ellipsis
            lines.add(cut ? new String(purpose, i, end - i - 1) + "…" : new String(purpose, i, end - i));
        }
        lines.add("有效期至：" + SHOWN.format(a.expiresAt()));
        lines.add("制作：" + a.creator() + "  " + SHOWN.format(a.createdAt()));
        return lines;
    }

    private byte[] stamp(Annotation a, List<String> lines) {
        int w = Math.round(WIDTH / 72f * DPI);
        int h = Math.round(HEIGHT / 72f * DPI);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(255, 255, 255, 215));
            g.fillRect(0, 0, w, h);
            Color red = new Color(196, 30, 36);
            g.setColor(red);
            g.setStroke(new BasicStroke(h / 40f));
            g.drawRect(h / 60, h / 60, w - h / 30, h - h / 30);
            float lineHeight = (h - h / 8f) / lines.size();
            // as large as the lines allow, but a full line of PER_LINE characters stays inside the frame
            float size = Math.min(lineHeight * 0.72f, (w - h / 7f) / PER_LINE);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isEmpty()) {
                    g.drawString(styled(lines.get(i), size).getIterator(), h / 14f, h / 16f + lineHeight * (i + 0.78f));
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static PDRectangle firstPage(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getPage(0).getMediaBox();
        } catch (IOException e) {
            throw new UncheckedIOException("the licence PDF cannot be read: " + e.getMessage(), e);
        }
    }
}
