package article

import (
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/sample"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name      string // why the case exists
		file      string
		in        string
		wantTitle string
		wantText  string
	}{
		{
			name: "plain text is kept as it is, CRLF becomes LF",
			file: "a.txt", in: "Title\r\n\r\n\"Yes,\" he said.\u00a0\r\nNext",
			wantTitle: "a", wantText: "Title\n\n\"Yes,\" he said.\u00a0\nNext",
		},
		{
			name: "a byte order mark is not text",
			file: "bom.TXT", in: "\uFEFFHello",
			wantTitle: "bom", wantText: "Hello",
		},
		{
			name: "markdown headings, emphasis, links, images and lists lose their syntax",
			file: "story.md",
			in: "# Kerry meets *Lavrov*\n\nThe **talks** were _\u201cconstructive\u201d_, [AFP](https://afp.com \"x\") reported." +
				"\n\n![a photo](p.jpg)\n\n- first item\n1. numbered\n> \"Quoted,\" she said.\n\n---\n\n[ref]: https://example.com\nsnake_case and 2*3*4 stay",
			wantTitle: "Kerry meets Lavrov",
			wantText:  "Kerry meets Lavrov\n\nThe talks were \u201cconstructive\u201d, AFP reported.\n\n\n\nfirst item\n1. numbered\n\"Quoted,\" she said.\n\n\nsnake_case and 2*3*4 stay",
		},
		{
			name: "markdown code spans and fences keep their content",
			file: "c.md", in: "Run `x = \"y\"` now\n```\nprint(\"hi\")\n```",
			wantTitle: "c", wantText: "Run x = \"y\" now\nprint(\"hi\")",
		},
		{
			name: "markdown setext heading is the title",
			file: "s.md", in: "Big news\n========\n\nBody",
			wantTitle: "Big news", wantText: "Big news\n\nBody",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Load(tc.file, []byte(tc.in))
			title, text := doc.Title, doc.Text
			if err != nil {
				t.Fatalf("Load(%q, %q): %v", tc.file, tc.in, err)
			}
			if title != tc.wantTitle || text != tc.wantText {
				t.Errorf("Load(%q, %q)\ngot  %q, %q\nwant %q, %q", tc.file, tc.in, title, text, tc.wantTitle, tc.wantText)
			}
		})
	}
}

// TestSample checks the sample article loads unchanged as .txt.
func TestSample(t *testing.T) {
	doc, err := Load("sample.txt", []byte(sample.Text()))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != sample.Text() {
		t.Error("the sample article changed when loaded as .txt")
	}
	if doc.Title != sample.Title {
		t.Errorf("title %q, want the headline %q", doc.Title, sample.Title)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string // why the case exists
		file string
		in   string
		want string // part of the error message
	}{
		{"invalid UTF-8 names the byte", "a.txt", "ok \xff bad", "byte 3 (0xff)"},
		{"empty text", "a.txt", "", "holds no article text"},
		{"white space only", "a.md", " \n\t\u00a0\n", "holds no article text"},
		{"html is the reader view's", "a.html", "<p>Hello</p>", "read by the reader view"},
		{"unknown extension", "a.pdf", "x", `".pdf" is not an article format`},
		{"no extension", "README", "x", "no file name extension"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.file, []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load(%q, %q) error = %v, want one containing %q", tc.file, tc.in, err, tc.want)
			}
		})
	}
}

// TestStructureKnown: a text with no structure records that it has none, in
// the file too, so that opening it again does not look for it again.
func TestStructureKnown(t *testing.T) {
	doc := New("Notes", "One paragraph of body text, which ends with a full stop.", "")
	if doc.Blocks == nil || len(doc.Blocks) != 0 {
		t.Fatalf("blocks %#v, want an empty list", doc.Blocks)
	}
	data, err := annotation.Encode(annotation.NewFile(doc, nil))
	if err != nil {
		t.Fatal(err)
	}
	f, err := annotation.Decode(data)
	if err != nil || f.Document.Blocks == nil || !strings.Contains(string(data), `"blocks": []`) {
		t.Errorf("after a round trip: blocks %#v (%v) in\n%s", f.Document.Blocks, err, data)
	}
}
