package store

import (
	"strings"
	"testing"
)

func TestConditionHolds(t *testing.T) {
	for _, c := range []struct {
		why  string
		cond Condition
		etag string
		want bool
	}{
		{"no condition holds for a new document", Condition{}, "", true},
		{"no condition holds for an existing one", Condition{}, `"a"`, true},
		{"If-Match the current tag", Condition{IfMatch: []string{`"b"`, `"a"`}}, `"a"`, true},
		{"If-Match a stale tag", Condition{IfMatch: []string{`"b"`}}, `"a"`, false},
		{"If-Match: * needs a document", Condition{IfMatch: []string{"*"}}, "", false},
		{"If-Match: * takes any", Condition{IfMatch: []string{"*"}}, `"a"`, true},
		{"If-None-Match: * creates only", Condition{IfNoneMatch: []string{"*"}}, `"a"`, false},
		{"If-None-Match: * on nothing", Condition{IfNoneMatch: []string{"*"}}, "", true},
		{"If-None-Match the current tag", Condition{IfNoneMatch: []string{`"a"`}}, `"a"`, false},
		{"a weak tag never matches strongly", Condition{IfMatch: []string{`W/"a"`}}, `"a"`, false},
	} {
		if got := c.cond.Holds(c.etag); got != c.want {
			t.Errorf("%s: %+v.Holds(%s) = %v, want %v", c.why, c.cond, c.etag, got, c.want)
		}
	}
	if !strings.HasPrefix(ETag([]byte("x")), `"`) {
		t.Error("ETag is not quoted")
	}
}
