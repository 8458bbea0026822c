package anchor

import "sort"

// match is an approximate occurrence of a pattern: rune offsets in the
// searched text and the edit distance.
type match struct{ start, end, err int }

// approxSearch finds the occurrences of p in w with at most k edits
// (Sellers' dynamic programming with Ukkonen's cut-off, tracking where each
// alignment starts). Of overlapping occurrences only the one with the
// fewest edits is kept; at most four are returned.
func approxSearch(p, w []rune, k int) []match {
	m := len(p)
	if m == 0 || k >= m {
		return nil
	}
	d := make([]int, m+1) // edits of the best alignment of p[:i] ending here
	s := make([]int, m+1) // where that alignment starts in w
	for i := range d {
		d[i] = min(i, k+1)
	}
	top := k // last row with d <= k
	var all []match
	for j, c := range w {
		diag, diagS := d[0], s[0]
		d[0], s[0] = 0, j+1
		lim := min(top+1, m)
		for i := 1; i <= lim; i++ {
			oldD, oldS := d[i], s[i]
			v, vs := diag, diagS
			if p[i-1] != c {
				v++
			}
			if oldD+1 < v {
				v, vs = oldD+1, oldS
			}
			if d[i-1]+1 < v {
				v, vs = d[i-1]+1, s[i-1]
			}
			d[i], s[i] = min(v, k+1), vs
			diag, diagS = oldD, oldS
		}
		top = lim
		for top > 0 && d[top] > k {
			top--
		}
		if top == m {
			all = append(all, match{s[m], j + 1, d[m]})
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].err < all[b].err })
	var out []match
	for _, a := range all {
		free := true
		for _, b := range out {
			if a.start < b.end && b.start < a.end {
				free = false
				break
			}
		}
		if free {
			out = append(out, a)
			if len(out) == 4 {
				break
			}
		}
	}
	return out
}

// levenshtein returns the edit distance between a and b.
func levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			v := diag
			if a[i-1] != b[j-1] {
				v++
			}
			v = min(v, row[j]+1, row[j-1]+1)
			diag, row[j] = row[j], v
		}
	}
	return row[len(b)]
}

// similarity is 1 - edit distance / the longer length; 1 for two empty
// slices.
func similarity(a, b []rune) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(levenshtein(a, b))/float64(n)
}
