package voices

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
)

// TestRange checks the parsing of dates and which dates a range holds.
func TestRange(t *testing.T) {
	for _, bad := range [][2]string{{"2026-13-01", ""}, {"", "1 March"}, {"2026-03-02", "2026-03-01"}, {"20260301", ""}} {
		if _, err := ParseRange(bad[0], bad[1]); err == nil {
			t.Errorf("ParseRange(%q, %q) took them", bad[0], bad[1])
		}
	}
	r, err := ParseRange("2026-03-01", "2026-03-31")
	if err != nil {
		t.Fatal(err)
	}
	for date, want := range map[string]bool{"2026-03-01": true, "2026-03-31": true, "2026-02-28": false, "2026-04-01": false, "": false} {
		if r.Contains(date) != want {
			t.Errorf("%v.Contains(%q) = %v", r, date, !want)
		}
	}
	if !(Range{}).Contains("") {
		t.Error("an open range leaves out undated documents")
	}
}

// TestContributeDate checks that a document is dated by its publication, in
// the offset it was published in, else by its first save.
func TestContributeDate(t *testing.T) {
	doc := annotation.NewDocument("t", "text", "")
	saved := time.Date(2026, 5, 1, 23, 30, 0, 0, time.UTC)
	if c := Contribute(annotation.NewFile(doc, nil), saved); c.Date != "2026-05-01" {
		t.Errorf("undated document: date %q, want its first save's 2026-05-01", c.Date)
	}
	doc.Published = time.Date(2026, 3, 1, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)) // 2 March in UTC
	if c := Contribute(annotation.NewFile(doc, nil), saved); c.Date != "2026-03-01" {
		t.Errorf("published document: date %q, want 2026-03-01", c.Date)
	}
	if c := Contribute(annotation.NewFile(annotation.NewDocument("t", "text", ""), nil), time.Time{}); c.Date != "" {
		t.Errorf("document never saved: date %q, want none", c.Date)
	}
}

// TestCSVQuoting checks that names with commas and quotes survive the CSV.
func TestCSVQuoting(t *testing.T) {
	var b strings.Builder
	rep := Combine([]Contribution{{ID: "urn:uuid:1", Sources: []Use{{Name: `Smith, "Bob"`, Quotes: 1, Words: 2}}}}, Range{})
	if err := WriteCSV(&b, rep); err != nil {
		t.Fatal(err)
	}
	if want := "name,type,gender,role,quotes,words,documents,conflicts\r\n\"Smith, \"\"Bob\"\"\",,,,1,2,1,\r\n"; b.String() != want {
		t.Errorf("CSV = %q, want %q", b.String(), want)
	}
}
