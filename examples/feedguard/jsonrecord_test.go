package main

import (
	"bufio"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fastFieldSets = []fields{
	{id: "id", text: "text"},
	{id: "id", text: "text", label: "label", extra: []string{"title", "tags"}},
	{id: "text", text: "text", label: "id"},
	{id: "", text: "t\u00e9xt", extra: []string{"id"}},
}

// jsonRecordSeeds are records the fast path reads and records it leaves to
// the slow path.
var jsonRecordSeeds = []string{
	`{"id": "n_1", "text": "hello 你好"}`,
	`  {"id":1,"text":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\ud800x\udc00\u0000","label":"spam"} ` + "\n",
	`{"id": 1.5e-3, "text": "x", "title": "t", "tags": ["a", "b"]}`,
	`{"id": -0, "text": "x", "title": null, "label": null, "id": null}`,
	`{"id": {"a": [1, true, false, null, {}, [], "s"]}, "text": "x", "text": "y"}`,
	"{\"id\": \"\xff\", \"text\": \"bad \xff\xfe utf8 \xed\xa0\x80\"}",
	`{"t\u00e9xt": "escaped key", "text": "x"}`,
	"{\"t\xe9xt\": \"latin-1 key\", \"text\": \"x\"}",
	`{"tÃ©xt": "utf-8 key", "text": "x"}`,
	`{"id": 1, "text": 5}`,
	`{"id": 1}`,
	`{}`,
	`[1]`,
	`null`,
	`{"id": 01, "text": "x"}`,
	`{"id": 1., "text": "x"}`,
	`{"id": 1e, "text": "x"}`,
	`{"id": -, "text": "x"}`,
	`{"id": tru, "text": "x"}`,
	`{"id": 1, "text": "x",}`,
	`{"id": 1, "text": "x"} x`,
	`{"id": 1, "text": "\x"}`,
	`{"id": 1, "text": "\u12"}`,
	`{"id": 1, "text": "\'"}`,
	"{\"id\": 1, \"text\": \"tab\there\"}",
	`{"id": [[[[[[[[[[1]]]]]]]]]], "text": "x"}`,
	`{"id" : 1 , "text" : "x" , "title" : "y" }`,
	"\f{\"id\": 1, \"text\": \"x\"}",
	"\u00a0{\"id\": 1, \"text\": \"x\"}",
	`{"id": 1, "text": "x", "title": 3}`,
	`{"id": 1, "text": "x"`,
	`{"id": 1, "text": "x`,
	``,
	`{"a.b": 1, "a": {"b": 2}, "text": "x"}`,
}

func FuzzParseJSONRecord(f *testing.F) {
	for _, s := range jsonRecordSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fl := range fastFieldSets {
			got, ok := parseJSONRecordFast("f", 3, data, fl)
			if !ok {
				continue
			}
			want := parseJSONRecordSlow("f", 3, data, fl)
			require.Equal(t, want, got, "fields %+v, record %q", fl, data)
		}
	})
}

// TestParseJSONRecordFast checks that the fast path reads the common
// records, and gives what the slow path gives.
func TestParseJSONRecordFast(t *testing.T) {
	f, err := os.Open("../data/posts.jsonl")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		for _, fl := range fastFieldSets[:2] {
			got, ok := parseJSONRecordFast("f", 1, sc.Bytes(), fl)
			if assert.True(t, ok, "%s", sc.Bytes()) {
				assert.Equal(t, parseJSONRecordSlow("f", 1, sc.Bytes(), fl), got)
			}
		}
		n++
	}
	require.NoError(t, sc.Err())
	assert.Greater(t, n, 300)
	for _, s := range jsonRecordSeeds {
		for _, fl := range fastFieldSets {
			if got, ok := parseJSONRecordFast("f", 1, []byte(s), fl); ok {
				assert.Equal(t, parseJSONRecordSlow("f", 1, []byte(s), fl), got, "%q", s)
			}
		}
	}
	// Dotted paths are the slow path's.
	_, ok := parseJSONRecordFast("f", 1, []byte(`{"a.b": 1, "text": "x"}`), fields{id: "a.b", text: "text"})
	assert.False(t, ok)
	_, ok = parseJSONRecordFast("f", 1, []byte(`{"id": 1, "text": "x"}`), fields{id: "id", text: "text"})
	assert.True(t, ok)
}
