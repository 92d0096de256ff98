#!/bin/sh
# Regenerates the re-encoded copies of the seed documents in this folder.
# Run from this folder: sh make.sh.  Needs perl and iconv (glibc).
set -eu
c=..
s0=$c/000_81311ed4a92fdab7.txt
s1=$c/001_9cffd64b9ac82079.txt
s2=$c/002_a2ddec63a1cf2f60.txt
s3=$c/003_50053b280e36211a.txt

# Arabic-Indic digits (U+0660..0669) and the Persian keheh (U+06A9) exist
# in neither windows-1256 nor ISO-8859-6: fold them to ASCII digits and
# the Arabic kaf first ("digits aside where an encoding cannot hold them").
fold() { perl -CSD -pe 'tr/\x{660}-\x{669}\x{6A9}/0-9\x{643}/' "$1"; }
crlf() { perl -pe 's/\n/\r\n/'; }

{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$s0"; } > 000.utf16le.txt
iconv -f UTF-8 -t WINDOWS-1256 "$s0" > 000.windows-1256.txt
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$s1"; } > 001.utf16be.txt
crlf < "$s1" > 001.crlf.txt
fold "$s2" | iconv -f UTF-8 -t WINDOWS-1256 > 002.windows-1256.txt
fold "$s2" | iconv -f UTF-8 -t ISO-8859-6 > 002.iso-8859-6.txt
{ printf '\357\273\277'; crlf < "$s3"; } > 003.utf8-bom-crlf.txt
fold "$s3" | iconv -f UTF-8 -t WINDOWS-1256 | crlf > 003.windows-1256-crlf.txt
