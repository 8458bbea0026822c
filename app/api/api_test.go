package api

import (
	"testing"

	"github.com/newsroom/annotator/app/annotation"
)

// TestPaths checks the paths the server routes and the app calls.
func TestPaths(t *testing.T) {
	id := annotation.ID("urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301")
	for got, want := range map[string]string{
		DocumentPath(id):   "/api/documents/3f2504e0-4f89-41d3-9a0c-0305e82c3301",
		VersionsPath(id):   "/api/documents/3f2504e0-4f89-41d3-9a0c-0305e82c3301/versions",
		VersionPath(id, 7): "/api/documents/3f2504e0-4f89-41d3-9a0c-0305e82c3301/versions/7",
		RestorePath(id):    "/api/documents/3f2504e0-4f89-41d3-9a0c-0305e82c3301/restore",
		EventsPath(id):     "/api/documents/3f2504e0-4f89-41d3-9a0c-0305e82c3301/events",
	} {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}

// TestErrorMessage checks that an error's problems follow it, one per line, with their paths.
func TestErrorMessage(t *testing.T) {
	e := Error{Error: "the annotation file is not valid", Problems: []annotation.Problem{{Path: "annotations[3].end", Message: "3600 is beyond the end"}, {Message: "empty"}}}
	if got, want := e.Message(), "the annotation file is not valid\nannotations[3].end: 3600 is beyond the end\nempty"; got != want {
		t.Errorf("Message() = %q, want %q", got, want)
	}
}
