package article

import (
	"strings"
	"testing"

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
		{
			name: "html: script, style and event handlers never reach the text; escaped markup is text",
			file: "x.html",
			in: `<html><head><title>Safe  page</title><style>p{color:red}</style><script>alert(1)</script></head>` +
				`<body><p>Hello <img src=x onerror="alert(2)"> world &lt;script&gt;</p><noscript>no js</noscript>` +
				`<template><p>tmpl</p></template><svg><text>svg text</text></svg></body></html>`,
			wantTitle: "Safe page", wantText: "Hello world <script>",
		},
		{
			name:      "html entities decode; no-break spaces, curly quotes and dashes stay exactly",
			file:      "e.htm",
			in:        "<p>A&nbsp;B &amp; C \u201Cq\u201D &ndash; \u2014 &#8217;90s &quot;x&quot;</p>",
			wantTitle: "e", wantText: "A\u00a0B & C \u201Cq\u201D \u2013 \u2014 \u201990s \"x\"",
		},
		{
			name: "html nested blocks give one block each, white space collapses, <br> is a line break",
			file: "n.html",
			in: "<article><h1>Head\n line</h1><div><p>One\n\t two</p><div>Three<p>Four</p>Five</div></div>" +
				"<blockquote><p>Six<br>Seven</p></blockquote><ul><li>a</li><li>b</li></ul></article>",
			wantTitle: "Head line", wantText: "Head line\n\nOne two\n\nThree\n\nFour\n\nFive\n\nSix\nSeven\n\na\n\nb",
		},
		{
			name: "html page chrome goes, the article's own header and footer stay",
			file: "c.html",
			in: "<header>Site menu</header><nav><a>Home</a></nav><article><header><h1>Title</h1></header>" +
				"<p>Body <button>Share</button></p><footer>Byline</footer></article><aside>Ads</aside>" +
				"<form><input>Sign up</form><iframe src=x>frame</iframe><footer>Copyright</footer>",
			wantTitle: "Title", wantText: "Title\n\nBody\n\nByline",
		},
		{
			name: "html <pre> keeps white space; <q> shows its quotation marks",
			file: "p.html", in: "<pre>a  b\n c</pre><p>She said <q>no <q>never</q></q>.</p>",
			wantTitle: "p", wantText: "a  b\n c\n\nShe said \u201Cno \u2018never\u2019\u201D.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			title, text, err := Load(tc.file, []byte(tc.in))
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
	_, text, err := Load("sample.txt", []byte(sample.Text()))
	if err != nil {
		t.Fatal(err)
	}
	if text != sample.Text() {
		t.Error("the sample article changed when loaded as .txt")
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
		{"html with no text outside chrome", "a.html", "<nav>menu</nav><script>x()</script>", "holds no article text"},
		{"unknown extension", "a.pdf", "x", `".pdf" is not an article format`},
		{"no extension", "README", "x", "no file name extension"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Load(tc.file, []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load(%q, %q) error = %v, want one containing %q", tc.file, tc.in, err, tc.want)
			}
		})
	}
}

func FuzzLoadHTML(f *testing.F) {
	f.Add("<p>a<b>b</b></p><script>x</script>")
	f.Add("<svg/><header/><q>x")
	f.Fuzz(func(t *testing.T, s string) {
		_, text, err := Load("f.html", []byte(s))
		if err == nil && strings.TrimSpace(text) == "" {
			t.Errorf("Load(%q) gave no text and no error", s)
		}
	})
}
