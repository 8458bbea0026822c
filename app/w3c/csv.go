package w3c

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/newsroom/annotator/app/annotation"
)

// CSVHeader is the first row CSV writes.
var CSVHeader = []string{"kind", "text", "start", "end", "speaker name", "source name", "creators", "agencies", "note", "origin"}

// CSV writes one row per annotation of f, in text order, after the header row
// CSVHeader: RFC 4180 (quoted where needed, CRLF line ends), UTF-8 without a
// byte-order mark. Offsets are code points, end exclusive. The speaker name
// is the display name of a quote's speaker, the source name a source's
// display name; creators and agencies are joined with "; ". A cell that a
// spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a
// carriage return) gets a leading apostrophe, the usual defence against CSV
// injection.
func CSV(f annotation.File) ([]byte, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	anns := append([]annotation.Annotation{}, f.Annotations...)
	annotation.SortTextOrder(anns)
	byID := make(map[annotation.ID]annotation.Annotation, len(anns))
	for _, a := range anns {
		byID[a.ID] = a
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(CSVHeader); err != nil {
		return nil, err
	}
	for _, a := range anns {
		var speaker, source, creators, agencies string
		if a.Speaker != "" {
			speaker = byID[a.Speaker].DisplayName()
		}
		if a.Kind == annotation.Source {
			source = a.DisplayName()
		}
		if a.Credit != nil {
			creators = strings.Join(a.Credit.Creators, "; ")
			agencies = strings.Join(a.Credit.Agencies, "; ")
		}
		row := []string{string(a.Kind), a.Exact, strconv.Itoa(a.Start), strconv.Itoa(a.End), speaker, source, creators, agencies, a.Note, string(a.Origin)}
		for i, cell := range row {
			row[i] = defuse(cell)
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// defuse prefixes an apostrophe to a cell a spreadsheet would take for a formula.
func defuse(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
