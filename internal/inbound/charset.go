package inbound

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/safetext"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// UnknownCharsetError reports text in a charset that cannot be decoded.
type UnknownCharsetError struct {
	Charset string
}

// Error names the charset; it follows the name of the part.
func (e *UnknownCharsetError) Error() string {
	return fmt.Sprintf("is in the charset %s, which cannot be decoded", safetext.Quote(e.Charset))
}

// decodeCharset returns text in the named charset as UTF-8. Text with no
// charset, or US-ASCII, that is not valid UTF-8 is read as Windows-1252,
// as mail clients do with unlabelled 8-bit text. Invalid sequences become
// U+FFFD, visibly. ASCII text decodes whatever its label says.
func decodeCharset(label string, b []byte) (string, error) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if isASCII(b) && !sevenBitEncoding(label) {
		return string(b), nil
	}
	switch label {
	case "", "us-ascii", "ascii", "utf-8", "utf8", "unicode-1-1-utf-8", "x-unknown", "unknown-8bit":
		if utf8.Valid(b) {
			return string(b), nil
		}
		if label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8" {
			return utf8Or1252(b), nil
		}
		label = "windows-1252"
	}
	enc := encodingFor(label)
	if enc == nil {
		return "", &UnknownCharsetError{Charset: label}
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		return "", &UnknownCharsetError{Charset: label}
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), nil
}

// utf8Or1252 decodes text declared UTF-8 that is not all UTF-8, as a
// client that wrote Latin-1 under a UTF-8 label sends it: its UTF-8
// stays as it is, and each byte that is not part of a character is read
// as Windows-1252 ("caf\xe9" is "café"), as mail clients show it.
func utf8Or1252(b []byte) string {
	var out strings.Builder
	out.Grow(len(b) + len(b)/8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out.WriteRune(charmap.Windows1252.DecodeByte(b[0]))
		} else {
			out.Write(b[:size])
		}
		b = b[size:]
	}
	return out.String()
}

// charsetReader is mime.WordDecoder's CharsetReader. The decoder handles
// UTF-8, US-ASCII and ISO-8859-1 itself.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc := encodingFor(strings.ToLower(label))
	if enc == nil {
		return nil, &UnknownCharsetError{Charset: label}
	}
	return transform.NewReader(r, enc.NewDecoder()), nil
}

// sevenBitEncoding reports a charset whose text can be all ASCII bytes
// and still need decoding.
func sevenBitEncoding(label string) bool {
	return strings.HasPrefix(label, "utf-16") || strings.HasPrefix(label, "iso-2022") || label == "csiso2022jp" || label == "hz-gb-2312"
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// encodingFor returns the decoder for a lower-case charset label, or
// nil. It is a switch, not x/text's htmlindex or ianaindex, whose label
// maps are built at every start of the program. ISO-8859-1 and its
// aliases are read as Windows-1252, its superset, as the WHATWG Encoding
// standard and mail clients do: Latin-1 labelled mail that holds bytes
// 0x80 to 0x9F means Windows' quotes and dashes, not C1 controls.
func encodingFor(label string) encoding.Encoding {
	switch label {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "cp819", "ibm819", "iso-ir-100",
		"windows-1252", "cp1252", "x-cp1252", "ansi_x3.4-1968":
		return charmap.Windows1252
	case "iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "l2":
		return charmap.ISO8859_2
	case "iso-8859-3", "iso8859-3", "latin3":
		return charmap.ISO8859_3
	case "iso-8859-4", "iso8859-4", "latin4":
		return charmap.ISO8859_4
	case "iso-8859-5", "iso8859-5", "cyrillic":
		return charmap.ISO8859_5
	case "iso-8859-6", "iso8859-6", "arabic":
		return charmap.ISO8859_6
	case "iso-8859-7", "iso8859-7", "greek":
		return charmap.ISO8859_7
	case "iso-8859-8", "iso8859-8", "iso-8859-8-i", "hebrew":
		return charmap.ISO8859_8
	case "iso-8859-9", "iso8859-9", "latin5", "windows-1254", "cp1254":
		return charmap.Windows1254
	case "iso-8859-10", "iso8859-10", "latin6":
		return charmap.ISO8859_10
	case "iso-8859-11", "iso8859-11", "tis-620", "windows-874", "cp874":
		return charmap.Windows874
	case "iso-8859-13", "iso8859-13":
		return charmap.ISO8859_13
	case "iso-8859-14", "iso8859-14":
		return charmap.ISO8859_14
	case "iso-8859-15", "iso8859-15", "latin9", "latin-9":
		return charmap.ISO8859_15
	case "iso-8859-16", "iso8859-16":
		return charmap.ISO8859_16
	case "windows-1250", "cp1250":
		return charmap.Windows1250
	case "windows-1251", "cp1251":
		return charmap.Windows1251
	case "windows-1253", "cp1253":
		return charmap.Windows1253
	case "windows-1255", "cp1255":
		return charmap.Windows1255
	case "windows-1256", "cp1256":
		return charmap.Windows1256
	case "windows-1257", "cp1257":
		return charmap.Windows1257
	case "windows-1258", "cp1258":
		return charmap.Windows1258
	case "koi8-r", "koi8":
		return charmap.KOI8R
	case "koi8-u":
		return charmap.KOI8U
	case "macintosh", "mac", "x-mac-roman", "csmacintosh":
		return charmap.Macintosh
	case "ibm437", "cp437":
		return charmap.CodePage437
	case "ibm850", "cp850":
		return charmap.CodePage850
	case "ibm866", "cp866":
		return charmap.CodePage866
	case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932":
		return japanese.ShiftJIS
	case "euc-jp", "x-euc-jp":
		return japanese.EUCJP
	case "iso-2022-jp", "csiso2022jp":
		return japanese.ISO2022JP
	case "euc-kr", "ks_c_5601-1987", "ks_c_5601", "cp949", "windows-949":
		return korean.EUCKR
	case "gb2312", "gbk", "cp936", "x-gbk", "euc-cn", "windows-936":
		return simplifiedchinese.GBK
	case "gb18030":
		return simplifiedchinese.GB18030
	case "hz-gb-2312":
		return simplifiedchinese.HZGB2312
	case "big5", "big5-hkscs", "x-x-big5", "cn-big5":
		return traditionalchinese.Big5
	case "utf-16":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	}
	return nil
}
