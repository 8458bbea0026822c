package readerview

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// The kinds of error Extract returns, for errors.Is; the error's message says
// more, for an editor.
var (
	// ErrNotHTML is returned for data that is not an HTML page: another media
	// type, binary data or text without HTML markup.
	ErrNotHTML = errors.New("not an HTML page")
	// ErrUndecodable is returned when the page's characters cannot be decoded:
	// an unknown character set, or bytes that are not in the one it declares.
	ErrUndecodable = errors.New("the page's text cannot be decoded")
	// ErrNoArticle is returned for an HTML page in which no article text is found.
	ErrNoArticle = errors.New("no article found on the page")
)

// htmlTypes are the media types of HTML pages.
var htmlTypes = map[string]bool{"text/html": true, "application/xhtml+xml": true}

// unknownTypes are media types that say nothing of what the data is, so it is
// sniffed as if the type were not given.
var unknownTypes = map[string]bool{"application/octet-stream": true, "binary/octet-stream": true, "application/unknown": true, "unknown/unknown": true, "*/*": true}

// signatures are the first bytes of common files that are not HTML, with a
// name for the message.
var signatures = []struct {
	prefix, name string
}{
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a ZIP archive (or a Word, Excel or EPUB file)"},
	{"\x89PNG", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"RIFF", "a RIFF file (WebP image, WAV or AVI)"},
	{"\x1f\x8b", "gzip-compressed data"},
	{"{\\rtf", "an RTF document"},
	{"\xd0\xcf\x11\xe0", "an old Microsoft Office document"},
}

// decode returns data as UTF-8 text, decoded from the character set that
// contentType, a byte order mark or the page's <meta> declares, or else the one
// the bytes look like; it fails when data is not HTML or cannot be decoded.
func decode(data []byte, contentType string) (string, error) {
	var declared string // the charset parameter of contentType
	if strings.TrimSpace(contentType) != "" {
		mt, params, err := mime.ParseMediaType(contentType)
		if err != nil {
			// A malformed header: take the media type before any parameter.
			mt = strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
		}
		switch {
		case htmlTypes[mt]:
		case mt == "" || unknownTypes[mt]:
			contentType = "" // sniff, as for a file
		default:
			return "", fmt.Errorf("%w: the server sent %s (Content-Type %q), not a web page; open the article's web page instead", ErrNotHTML, describeType(mt), mt)
		}
		declared = params["charset"]
	}
	if len(data) == 0 {
		return "", fmt.Errorf("%w: the page is empty", ErrNotHTML)
	}
	if declared != "" {
		if e, _ := charset.Lookup(declared); e == nil {
			return "", fmt.Errorf("%w: the server says it is in the character set %q, which this program does not know", ErrUndecodable, declared)
		}
	}
	if !strings.HasPrefix(strings.ToLower(declared), "utf-16") {
		if err := sniffBinary(data); err != nil {
			return "", err
		}
	}
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	// DetermineEncoding looks only at the first kilobyte. A page that does not
	// say its character set, or says so only in a <meta>, and whose bytes are
	// all valid UTF-8 with some beyond ASCII is UTF-8: text in a single-byte
	// character set is almost never valid UTF-8.
	if !certain && name != "utf-8" && utf8.Valid(data) && !isASCII(data) {
		enc, name = nil, "utf-8"
	}
	// A server that says UTF-8 for a page that is not, and whose <meta> names
	// another character set: the page's own declaration is right.
	if certain && name == "utf-8" && !utf8.Valid(data) {
		if e, n, _ := charset.DetermineEncoding(data, ""); n != "utf-8" && n != "windows-1252" {
			enc, name = e, n
		} else if n == "windows-1252" && declaresCharset(data) {
			enc, name = e, n
		}
	}
	var s string
	if name == "utf-8" || enc == nil {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if bad := invalidUTF8(data); bad > 0 {
			if bad > 16 && bad*100 > len(data) {
				return "", fmt.Errorf("%w: the page is said to be UTF-8, but %d of its bytes are not UTF-8; save the page again as UTF-8", ErrUndecodable, bad)
			}
			s = strings.ToValidUTF8(string(data), "\uFFFD")
		} else {
			s = string(data)
		}
	} else {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("%w: its bytes are not valid %s: %v", ErrUndecodable, name, err)
		}
		s = strings.ToValidUTF8(string(out), "\uFFFD")
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	if contentType == "" && !looksLikeHTML(s) {
		return "", fmt.Errorf("%w: the file holds no HTML markup; open it as plain text instead", ErrNotHTML)
	}
	return s, nil
}

// declaresCharset reports whether the start of an HTML page declares its
// character set in a <meta>.
func declaresCharset(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

// describeType names a media type for a message.
func describeType(mt string) string {
	switch {
	case mt == "application/pdf":
		return "a PDF document"
	case mt == "text/plain":
		return "plain text"
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return "JSON data"
	case mt == "text/xml" || mt == "application/xml" || mt == "application/rss+xml" || mt == "application/atom+xml":
		return "an XML document or feed"
	case strings.HasPrefix(mt, "image/"):
		return "an image"
	case strings.HasPrefix(mt, "video/"):
		return "a video"
	case strings.HasPrefix(mt, "audio/"):
		return "audio"
	}
	return "a file that is not HTML"
}

// sniffBinary fails for data that is a known non-HTML file or binary.
func sniffBinary(data []byte) error {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	for _, sig := range signatures {
		if bytes.HasPrefix(head, []byte(sig.prefix)) {
			return fmt.Errorf("%w: it is %s, not a web page", ErrNotHTML, sig.name)
		}
	}
	if bytes.HasPrefix(head, []byte{0xfe, 0xff}) || bytes.HasPrefix(head, []byte{0xff, 0xfe}) {
		return nil // UTF-16 text has NUL bytes
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return fmt.Errorf("%w: it holds binary data, not text", ErrNotHTML)
	}
	return nil
}

// htmlMarks are markup of which an HTML page holds at least one, lower case.
var htmlMarks = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<p", "<div", "<article", "<h1", "<h2", "<section", "<main", "<span", "<br", "<table", "<ul", "<a "}

// looksLikeHTML reports whether s holds HTML markup near its start.
func looksLikeHTML(s string) bool {
	head := s
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	head = strings.ToLower(head)
	for _, m := range htmlMarks {
		if i := strings.Index(head, m); i >= 0 {
			if j := i + len(m); m[len(m)-1] == ' ' || j >= len(head) || !isLetter(head[j]) {
				return true
			}
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// isASCII reports whether every byte of data is below 0x80.
func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// invalidUTF8 counts the bytes of data that are not part of valid UTF-8.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return 0
	}
	bad := 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
		}
		i += n
	}
	return bad
}
