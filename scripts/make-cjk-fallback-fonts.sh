#!/usr/bin/env bash
# Rebuilds the CJK fallback faces bundled in trust-core (src/main/resources/cn/zhengyin/trust/font/) from the Debian
# bookworm font packages. Run it only to change or refresh the bundled faces; the build never runs it.
#
#   scripts/make-cjk-fallback-fonts.sh            needs: apt-get (download only, nothing is installed from the fonts),
#                                                  python3-fonttools (fontTools.subset), gzip
#
# What it makes (see docs/characters-and-fonts.md):
#   hanamin-a-gb18030.ttf.gz        HanaMinA (fonts-hanazono 20170904), cut to the GB 18030-2022 BMP repertoire that
#                                   the AR PL SungtiL GB Song face does not cover (the GBK/GB 18030 two-byte part,
#                                   CJK Extension A, U+9FA6..U+9FEA, radicals, strokes, compatibility ideographs)
#   hanamin-b.ttf.gz                HanaMinB as shipped (CJK Extensions B..F), unmodified
#   babelstone-han-gb18030-extra.ttf.gz
#                                   BabelStone Han (fonts-babelstone-han 15.0.5), cut to U+9FEB..U+9FEF, the five
#                                   GB 18030-2022 level-1 ideographs that neither HanaMin face has
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=trust-core/src/main/resources/cn/zhengyin/trust/font
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PY=/usr/bin/python3
"$PY" -c 'import fontTools' 2>/dev/null || { echo "install python3-fonttools (apt-get install python3-fonttools)" >&2; exit 1; }

(cd "$WORK" && apt-get download fonts-hanazono=20170904-2.1 fonts-babelstone-han=15.0.5-2 >/dev/null)
for deb in "$WORK"/*.deb; do dpkg-deb -x "$deb" "$WORK/root"; done
HANA="$WORK/root/usr/share/fonts/truetype/hanazono"
BABEL="$WORK/root/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"
gunzip -c "$OUT/ar-pl-sungtil-gb.ttf.gz" >"$WORK/song.ttf"

# The code points HanaMinA contributes: the GB 18030-2022 BMP repertoire minus what the Song face has.
"$PY" - "$WORK/song.ttf" "$HANA/HanaMinA.ttf" >"$WORK/a-unicodes.txt" <<'PY'
import sys
from fontTools.ttLib import TTFont
song = set(TTFont(sys.argv[1]).getBestCmap())
hana_a = set(TTFont(sys.argv[2], lazy=True).getBestCmap())
wanted = {0x1E3F}
for cp in range(0x20, 0x10000):
    if 0xD800 <= cp <= 0xDFFF or 0xE000 <= cp <= 0xF8FF or 0x7F <= cp <= 0x9F:
        continue
    try:
        if len(chr(cp).encode('gb18030')) <= 2:   # the one- and two-byte part (Python's table is GB 18030-2005;
            wanted.add(cp)                        # the 2022 changes are U+1E3F and inside the blocks added below)
    except UnicodeEncodeError:
        pass
for lo, hi in [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0x2FF0, 0x2FFF),
               (0x3000, 0x303F), (0x31C0, 0x31EF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F)]:
    wanted.update(range(lo, hi + 1))
print(','.join('U+%04X' % cp for cp in sorted((wanted & hana_a) - song)))
PY

notice() { # font-file description
  "$PY" - "$1" "$2" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
for rec in list(f['name'].names):
    if rec.nameID == 10:
        f['name'].removeNames(nameID=10)
f['name'].setName(sys.argv[2], 10, 3, 1, 0x409)
f['name'].setName(sys.argv[2], 10, 1, 0, 0)
f.save(sys.argv[1])
PY
}

# Without its variation-sequence cmap (format 14): PDF text and the seal outlines never select glyph variants, and
# keeping it would keep some 5,800 variant glyphs.
"$PY" - "$HANA/HanaMinA.ttf" "$WORK/HanaMinA-novs.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
f['cmap'].tables = [t for t in f['cmap'].tables if t.format != 14]
f.save(sys.argv[2])
PY
"$PY" -m fontTools.subset "$WORK/HanaMinA-novs.ttf" --unicodes-file="$WORK/a-unicodes.txt" --name-IDs='*' --name-languages='*' \
  --name-legacy --notdef-outline --no-layout-closure --output-file="$WORK/hanamin-a-gb18030.ttf"
notice "$WORK/hanamin-a-gb18030.ttf" "Subset of HanaMinA (fonts-hanazono 20170904) made by the Zhengyin project \
with scripts/make-cjk-fallback-fonts.sh: only the GB 18030-2022 BMP characters that AR PL SungtiL GB lacks. \
Hanazono Font License."
"$PY" -m fontTools.subset "$BABEL" --unicodes=U+9FEB-9FEF --name-IDs='*' --name-languages='*' --name-legacy --notdef-outline \
  --output-file="$WORK/babelstone-han-gb18030-extra.ttf"
notice "$WORK/babelstone-han-gb18030-extra.ttf" "Modified by the Zhengyin project on 2026-12-06 with \
scripts/make-cjk-fallback-fonts.sh: subset of BabelStone Han 15.0.5 (fonts-babelstone-han) to U+9FEB..U+9FEF. \
Arphic Public License."

gzip -9 -n -c "$WORK/hanamin-a-gb18030.ttf" >"$OUT/hanamin-a-gb18030.ttf.gz"
gzip -9 -n -c "$HANA/HanaMinB.ttf" >"$OUT/hanamin-b.ttf.gz"
gzip -9 -n -c "$WORK/babelstone-han-gb18030-extra.ttf" >"$OUT/babelstone-han-gb18030-extra.ttf.gz"
ls -l "$OUT"
