package suggest

import "strings"

//go:generate sh -c "cd ../.. && make names"

// firstNameGender returns 'f' or 'm' for a first name that only women or only
// men have in the name lists (names_gen.go), or 0; case does not matter.
func firstNameGender(name string) byte {
	var buf [20]byte
	lower, ok := lowerName(name, &buf)
	switch {
	case !ok:
	case inSortedLines(femaleNames, lower):
		return 'f'
	case inSortedLines(maleNames, lower):
		return 'm'
	}
	return 0
}

// isFirstName reports whether a word is a first name of the name lists,
// whoever bears it.
func isFirstName(name string) bool {
	var buf [20]byte
	lower, ok := lowerName(name, &buf)
	return ok && (inSortedLines(femaleNames, lower) || inSortedLines(maleNames, lower) || inSortedLines(unisexNames, lower))
}

// lowerName returns name in lower case (ASCII letters), in buf; false for a
// word too short or too long to be in the lists.
func lowerName(name string, buf *[20]byte) (string, bool) {
	if len(name) < 2 || len(name) > len(buf) {
		return "", false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return string(buf[:len(name)]), true
}

// inSortedLines reports whether w is a line of lines, whose lines are sorted:
// a binary search over the string itself, with nothing built first.
func inSortedLines(lines, w string) bool {
	lo, hi := 0, len(lines) // the line sought starts in [lo, hi)
	for lo < hi {
		mid := (lo + hi) / 2
		start := strings.LastIndexByte(lines[:mid], '\n') + 1
		end := strings.IndexByte(lines[start:], '\n')
		if end < 0 {
			end = len(lines)
		} else {
			end += start
		}
		switch line := lines[start:end]; {
		case line == w:
			return true
		case line < w:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}
