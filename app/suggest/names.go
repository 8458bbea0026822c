package suggest

import "strings"

//go:generate sh -c "cd ../.. && make names"

// firstNameGender returns 'f' or 'm' for a first name that only women or only
// men have in the name lists (names_gen.go), or 0; case does not matter.
func firstNameGender(name string) byte {
	g, _ := firstName(name)
	return g
}

// isFirstName reports whether a word is a first name of the name lists,
// whoever bears it.
func isFirstName(name string) bool {
	_, ok := firstName(name)
	return ok
}

// firstName looks a word up in the name lists once: the gender only women's
// or only men's names tell ('f', 'm', else 0), and whether it is a first name
// at all.
func firstName(name string) (byte, bool) {
	var buf [20]byte
	lower, ok := lowerName(name, &buf)
	switch {
	case !ok:
	case femaleIndex.has(lower):
		return 'f', true
	case maleIndex.has(lower):
		return 'm', true
	case unisexIndex.has(lower):
		return 0, true
	}
	return 0, false
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

// sortedLines is a list of sorted lines with where each starts, built once
// from the generated string, so that a look-up is a binary search with no
// scan for line ends.
type sortedLines struct {
	lines  string
	starts []uint32 // the start of each line, then len(lines)+1
}

var (
	femaleIndex = indexLines(femaleNames)
	maleIndex   = indexLines(maleNames)
	unisexIndex = indexLines(unisexNames)
)

func indexLines(lines string) sortedLines {
	starts := make([]uint32, 0, strings.Count(lines, "\n")+2)
	for i := 0; i <= len(lines); {
		starts = append(starts, uint32(i))
		j := strings.IndexByte(lines[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return sortedLines{lines: lines, starts: append(starts, uint32(len(lines)+1))}
}

// has reports whether w is one of the lines (not inlined: firstName calls it
// three times).
//
//go:noinline
func (s sortedLines) has(w string) bool {
	lo, hi := 0, len(s.starts)-1 // lines [lo, hi)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch line := s.lines[s.starts[mid] : s.starts[mid+1]-1]; {
		case line == w:
			return true
		case line < w:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return false
}
