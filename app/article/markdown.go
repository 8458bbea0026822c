package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// markdown returns the title (the first heading) and the words of a Markdown
// article: heading marks, emphasis, link and image syntax, block quote and list
// markers, reference definitions and code fences go; the words stay.
func markdown(s string) (title, text string) {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	fenced := false
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fenced = !fenced
			continue
		}
		if fenced {
			out = append(out, line) // code is kept as it is written
			continue
		}
		switch {
		case isRule(trimmed):
			// A setext underline makes the line before it a heading.
			if title == "" && i > 0 && strings.TrimSpace(lines[i-1]) != "" && trimmed[0] != '*' && trimmed[0] != '_' {
				title = inline(strings.TrimSpace(lines[i-1]))
			}
			continue
		case isReferenceDefinition(trimmed):
			continue
		}
		line = strings.TrimLeft(line, " \t")
		for strings.HasPrefix(line, ">") { // block quote markers
			line = strings.TrimLeft(line[1:], " \t")
		}
		heading := false
		if h := strings.TrimLeft(line, "#"); len(h) < len(line) && len(line)-len(h) <= 6 && (h == "" || h[0] == ' ' || h[0] == '\t') {
			line = strings.TrimRight(strings.TrimSpace(h), "#")
			line = strings.TrimSpace(line)
			heading = true
		} else if len(line) > 1 && strings.ContainsRune("-*+", rune(line[0])) && (line[1] == ' ' || line[1] == '\t') {
			line = strings.TrimLeft(line[1:], " \t") // a bullet; numbered items keep their numbers
		}
		line = inline(line)
		if heading && title == "" {
			title = line
		}
		out = append(out, line)
	}
	return title, strings.Join(out, "\n")
}

// isRule reports whether a trimmed line is a thematic break or a setext underline.
func isRule(t string) bool {
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' && c != '=' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != c && t[i] != ' ' {
			return false
		}
	}
	return true
}

// isReferenceDefinition reports whether a trimmed line is "[label]: url".
func isReferenceDefinition(t string) bool {
	if !strings.HasPrefix(t, "[") || strings.HasPrefix(t, "[^") {
		return false
	}
	i := strings.Index(t, "]:")
	return i > 1 && !strings.ContainsAny(t[1:i], "[]")
}

// inline removes inline Markdown syntax from one line: emphasis and strike-through
// markers, code spans' backticks, links and images (a link keeps its text, an
// image goes), autolinks' angle brackets and backslash escapes.
func inline(s string) string {
	if !strings.ContainsAny(s, "*_~`[]<!\\") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!<>~|\"'", s[i+1]) >= 0:
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			// A code span: its content stays as written.
			n := run(s, i, '`')
			if j := strings.Index(s[i+n:], s[i:i+n]); j >= 0 {
				b.WriteString(s[i+n : i+n+j])
				i += n + j + n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if _, end, ok := link(s, i+1); ok {
				i = end // an image is not part of the text
				continue
			}
		case c == '[':
			if label, end, ok := link(s, i); ok {
				b.WriteString(inline(label))
				i = end
				continue
			}
		case c == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 0 && isAutolink(s[i+1:i+j]) {
				b.WriteString(s[i+1 : i+j])
				i += j + 1
				continue
			}
		case c == '*' || c == '_' || c == '~':
			n := run(s, i, c)
			if emphasis(s, i, n) {
				i += n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// run returns how many times c repeats from s[i].
func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// emphasis reports whether the run of n markers at s[i] opens or closes
// emphasis, as CommonMark's flanking rules tell: an opener is followed by a
// character and preceded by space or punctuation, a closer the reverse. An
// underscore inside a word (snake_case), an asterisk between digits (2*3) and a
// lone tilde are characters, not markers.
func emphasis(s string, i, n int) bool {
	prev, next := classBefore(s, i), classAfter(s, i+n)
	c := s[i]
	switch {
	case c == '~' && n < 2:
		return false
	case c == '_' && prev == word && next == word:
		return false
	case c == '*' && prev == word && next == word && isDigit(s[i-1]) && isDigit(s[i+n]):
		return false
	}
	opens := next != space && (prev != word || c == '*')
	closes := prev != space && (next != word || c == '*')
	return opens || closes
}

// The classes of character around an emphasis marker.
const (
	space = iota // white space or the line's edge
	punct        // punctuation or a symbol
	word         // a letter, digit or mark
)

func classOf(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return space
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return punct
	}
	return word
}

func classBefore(s string, i int) int {
	if i == 0 {
		return space
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return classOf(r)
}

func classAfter(s string, i int) int {
	if i >= len(s) {
		return space
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return classOf(r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// link parses "[label](destination)" or "[label][ref]" at s[i] (which is '[') and
// returns the label and the index past the link.
func link(s string, i int) (label string, end int, ok bool) {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			depth--
			if depth > 0 {
				continue
			}
			label = s[i+1 : j]
			if j+1 < len(s) && (s[j+1] == '(' || s[j+1] == '[') {
				closer := byte(')')
				if s[j+1] == '[' {
					closer = ']'
				}
				if k := strings.IndexByte(s[j+2:], closer); k >= 0 {
					return label, j + 2 + k + 1, true
				}
			}
			return "", 0, false
		}
	}
	return "", 0, false
}

// isAutolink reports whether the text between angle brackets is a URL or e-mail address.
func isAutolink(s string) bool {
	if strings.ContainsAny(s, " \t<") {
		return false
	}
	return strings.Contains(s, "://") || strings.HasPrefix(s, "mailto:") || strings.Contains(s, "@")
}
