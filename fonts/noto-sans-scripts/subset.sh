#!/usr/bin/env bash
# How these files were made: Noto Sans of each script from Debian's fonts-noto-core
# (20201225-1), cut to that script's characters with fontTools, all layout features
# (the shaping rules) and hinting kept. Latin and digits come from Inter.
#   apt-get download fonts-noto-core && dpkg-deb -x fonts-noto-core_*.deb deb
#   bash subset.sh deb/usr/share/fonts/truetype/noto
set -euo pipefail
source_dir=$1
cd "$(dirname "$0")"
while IFS=: read -r script ranges; do
    for weight in Regular Bold; do
        pyftsubset "$source_dir/NotoSans$script-$weight.ttf" --unicodes="$ranges" --layout-features='*' \
            --name-IDs='*' --name-legacy --notdef-outline --output-file="NotoSans$script-$weight.ttf"
    done
done <<'SCRIPTS'
Devanagari:U+0900-097F,U+1CD0-1CFF,U+A8E0-A8FF,U+200C-200D,U+25CC,U+20B9
Arabic:U+0600-06FF,U+0750-077F,U+0870-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+25CC
Hebrew:U+0590-05FF,U+FB1D-FB4F,U+200C-200F,U+25CC
SCRIPTS
