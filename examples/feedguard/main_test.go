package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/feedguard/feedguard/rules"
)

// runCLI runs the command in-process and returns its exit status and
// output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// outputLines decodes scan output, one JSON object per line.
func outputLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m), "line %q", l)
		lines = append(lines, m)
	}
	return lines
}

func TestScanBadRecords(t *testing.T) {
	huge := strings.Repeat("好吃", 40000) // 240 KB, over the default cap
	var in bytes.Buffer
	in.WriteString(`{"id":"a1","text":"Welcome TikTok refugees! 欢迎来到小红书～"}` + "\n")
	in.WriteString(`{"id":2,"text":"你是傻逼吧"}` + "\n")
	in.WriteString(`{"id":"a3","text": not json}` + "\n")
	in.WriteString(`{"id":"a4","body":"no text field"}` + "\n")
	in.WriteString("\n") // a blank line is not a record
	in.WriteString(`{"id":"a6","text":"` + huge + `"}` + "\n")
	in.WriteString("{\"id\":\"a7\",\"text\":\"bad \xff\xfe bytes fuck\"}\n")
	in.WriteString(`{"id":8.5,"text":12345}` + "\n")
	in.WriteString(`["not","an","object"]` + "\n")
	in.WriteString(`{"id":null,"text":"control \u0000 chars \u001b[31m"}` + "\n")
	in.WriteString(`{"id":"a11","text":"last line without newline"}`)
	path := writeFile(t, "posts.jsonl", in.Bytes())

	code, out, errOut := runCLI(t, "", "scan", path)
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	require.Len(t, lines, 10, "one line per record, blank line skipped")

	want := []struct {
		line  float64
		id    any
		error string
	}{
		{1, "a1", ""}, {2, float64(2), ""}, {3, "a3", "invalid JSON"}, {4, nil, "missing text field"},
		{6, "a6", ""}, {7, "a7", ""}, {8, 8.5, "not a string"}, {9, nil, "must be a JSON object, found an array"},
		{10, nil, ""}, {11, "a11", ""},
	}
	for i, w := range want {
		l := lines[i]
		assert.Equal(t, w.line, l["line"], "record %d", i)
		if w.id != nil {
			assert.Equal(t, w.id, l["id"], "record %d", i)
		}
		if w.error != "" {
			assert.Contains(t, l["error"], w.error, "record %d", i)
			assert.NotContains(t, l, "action")
			continue
		}
		assert.NotContains(t, l, "error", "record %d", i)
		for _, k := range []string{"action", "language", "language_confidence", "categories", "matches", "tone"} {
			assert.Contains(t, l, k, "record %d", i)
		}
	}
	// The invalid-id record (a4) is reported with its id.
	assert.Equal(t, "a4", lines[3]["id"])
	assert.Equal(t, "allow", lines[0]["action"])
	assert.NotEqual(t, "allow", lines[1]["action"])
	assert.Equal(t, true, lines[4]["truncated"])
	// Match text equals the judged text's bytes.
	for _, l := range lines {
		if _, failed := l["error"]; failed {
			continue
		}
		for _, m := range l["matches"].([]any) {
			mm := m.(map[string]any)
			for _, k := range []string{"rule", "category", "severity", "start", "end", "text"} {
				assert.Contains(t, mm, k)
			}
		}
	}
	assert.Contains(t, errOut, "10 records")
	assert.Contains(t, errOut, "errors 4")
}

func TestScanOrderIndependentOfWorkers(t *testing.T) {
	path := "../data/posts.jsonl"
	code, one, errOut := runCLI(t, "", "scan", "--workers", "1", "--quiet", path)
	require.Equal(t, 0, code, errOut)
	code, many, errOut := runCLI(t, "", "scan", path, "--workers", "8", "--quiet")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, one, many)
	assert.Empty(t, errOut, "--quiet prints no summary")
	lines := outputLines(t, one)
	assert.GreaterOrEqual(t, len(lines), 300)
	for i, l := range lines {
		assert.Equal(t, float64(i+1), l["line"])
	}
}

func TestScanCSVGzipAndStdin(t *testing.T) {
	csvData := "\ufeffpost_id,author,body\n" +
		"c1,amy,\"Welcome! 欢迎, friends\"\n" +
		"c2,bob,\"你是傻逼\"\n" +
		"c3,carol\n" + // missing the text column
		"c4,dan,\"multi\nline fuck you\"\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(csvData))
	zw.Close()
	path := writeFile(t, "export.csv.gz", gz.Bytes())
	jsonl := writeFile(t, "more.ndjson", []byte(`{"note":{"title":"hi","body":"傻逼"},"nid":"n1"}`+"\n"))

	code, out, errOut := runCLI(t, `{"id":"s1","text":"from stdin"}`+"\n", "scan", "--id-field", "post_id", "--text-field", "body", path, "-")
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	require.Len(t, lines, 5)
	assert.Equal(t, "c1", lines[0]["id"])
	assert.Equal(t, path, lines[0]["file"], "several inputs: each line names its file")
	assert.Equal(t, "allow", lines[0]["action"])
	assert.NotEqual(t, "allow", lines[1]["action"])
	assert.Contains(t, lines[2]["error"], "column \"body\" is field 3")
	assert.Equal(t, float64(4), lines[3]["line"])
	assert.NotEqual(t, "allow", lines[3]["action"])
	assert.Contains(t, lines[4]["error"], `missing text field "body"`, "stdin record lacks the body field")
	assert.Equal(t, "-", lines[4]["file"])

	// Nested fields by dotted path.
	code, out, errOut = runCLI(t, "", "scan", "--id-field", "nid", "--text-field", "note.body", jsonl)
	require.Equal(t, 0, code, errOut)
	lines = outputLines(t, out)
	require.Len(t, lines, 1)
	assert.Equal(t, "n1", lines[0]["id"])
	assert.Contains(t, lines[0]["categories"], "harassment")
	assert.NotContains(t, lines[0], "file", "a single input needs no file field")
}

func TestScanTruncatedGzip(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	for i := range 2000 {
		zw.Write([]byte(`{"id":` + strings.Repeat("1", 1+i%5) + `,"text":"hello there, a post about noodles and tea"}` + "\n"))
	}
	zw.Close()
	data := gz.Bytes()
	path := writeFile(t, "cut.jsonl.gz", data[:len(data)/2])
	code, out, errOut := runCLI(t, "", "scan", path)
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	require.NotEmpty(t, lines)
	last := lines[len(lines)-1]
	assert.Contains(t, last["error"], "unexpected EOF")
	for i, l := range lines[:len(lines)-1] {
		assert.Equal(t, float64(i+1), l["line"])
		assert.Equal(t, "allow", l["action"])
	}
}

func TestScanOutFileAndErrors(t *testing.T) {
	in := writeFile(t, "p.jsonl", []byte(`{"id":1,"text":"hello"}`+"\n"))
	outPath := filepath.Join(t.TempDir(), "verdicts.jsonl")
	code, out, errOut := runCLI(t, "", "scan", "--out", outPath, in)
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, out)
	data, err := os.ReadFile(outPath)
	require.NoError(t, err)
	assert.Len(t, outputLines(t, string(data)), 1)

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"scan", in, "/no/such/file.jsonl"}, "cannot read input"},
		{"directory", []string{"scan", t.TempDir()}, "is a directory"},
		{"bad flag", []string{"scan", "--bogus", in}, "flag provided but not defined"},
		{"bad workers", []string{"scan", "--workers", "0", in}, "--workers"},
		{"bad format", []string{"scan", "--format", "xml", in}, "unknown format"},
		{"bad profile", []string{"scan", "--profile", "chill", in}, `no profile named "chill"`},
		{"bad language", []string{"scan", "--languages", "en,xx", in}, "langdetect"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"no command", nil, "Usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out, "nothing is written on a usage error")
			assert.Contains(t, errOut, tt.want)
		})
	}
}

const badPack = `pack: bad
rules:
  - id: x
    category: rudeness
    severity: 9
    terms: [a]
  - id: x
    category: spam
    severity: low
    terms: []
`

func TestScanRejectsBadRulesWhole(t *testing.T) {
	in := writeFile(t, "p.jsonl", []byte(`{"id":1,"text":"hello"}`+"\n"))
	pack := writeFile(t, "bad.yaml", []byte(badPack))
	code, out, errOut := runCLI(t, "", "scan", "--rules", pack, in)
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	for _, w := range []string{"bad.yaml:4:15", "bad.yaml:5:15", "bad.yaml:7:5", "bad.yaml:10:12", "nothing was loaded"} {
		assert.Contains(t, errOut, w)
	}
}

func TestScanCustomRules(t *testing.T) {
	in := writeFile(t, "p.jsonl", []byte(`{"id":1,"text":"buy catnip now"}`+"\n"+`{"id":2,"text":"傻逼"}`+"\n"))
	pack := writeFile(t, "pets.yaml", []byte("pack: pets\nrules:\n  - {id: pets.catnip, category: spam, severity: 2, gloss: test, terms: [catnip]}\n"))
	code, out, errOut := runCLI(t, "", "scan", "--no-default-rules", "--rules", pack, in)
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	require.Len(t, lines, 2)
	assert.Equal(t, []any{"spam"}, lines[0]["categories"])
	assert.Empty(t, lines[1]["matches"], "defaults left out")
}

func TestCheck(t *testing.T) {
	code, out, errOut := runCLI(t, "", "check", "楼上那个傻逼别在这杠了", "Welcome to 小红书!")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "1. REVIEW")
	assert.Contains(t, out, "楼上那个傻逼别在这杠了\n")
	assert.Contains(t, out, "\n           ^^^^\n", "the match is underlined, wide characters counted twice")
	assert.Contains(t, out, "zh.harassment.shabi")
	assert.Contains(t, out, "2. ALLOW")

	code, out, errOut = runCLI(t, "hello\nfuck you\n", "check", "--json")
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	require.Len(t, lines, 2)
	assert.Equal(t, "allow", lines[0]["action"])
	assert.Equal(t, float64(2), lines[1]["line"])
	assert.Contains(t, lines[1]["categories"], "harassment")
}

func TestRulesImport(t *testing.T) {
	list := writeFile(t, "words_en.txt", []byte("# a comment\nbadword\n\nBADWORD\nworse word\n: colon\n\"quoted\"\n- dash\n\u200b\n"))
	code, out, errOut := runCLI(t, "", "rules", "import", "--lang", "en", "--category", "profanity", "--severity", "3", "--whole-word", list)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "same term as line 2")
	assert.Contains(t, errOut, "empty after normalisation")
	p, err := rules.ParsePack("imported.yaml", []byte(out))
	require.NoError(t, err, out)
	require.Len(t, p.Rules, 1)
	r := p.Rules[0]
	assert.Equal(t, "import.en.words_en", r.ID)
	assert.Equal(t, rules.MatchWord, r.Match)
	assert.Equal(t, []string{"badword", "worse word", ": colon", `"quoted"`, "- dash"}, r.Terms)
	assert.Empty(t, r.Languages)

	// The imported pack works with scan.
	packPath := writeFile(t, "imported.yaml", []byte(out))
	in := writeFile(t, "p.jsonl", []byte(`{"id":1,"text":"what a BADWORD"}`+"\n"))
	code, sout, errOut := runCLI(t, "", "scan", "--no-default-rules", "--rules", packPath, in)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, sout, `"rule":"import.en.words_en"`)

	code, out, _ = runCLI(t, "", "rules", "import", "--lang", "zh", "--category", "harassment", "--severity", "high", "--scope", "-")
	assert.Equal(t, 2, code, "empty stdin has no terms")
	assert.Empty(t, out)
	code, out, _ = runCLI(t, "傻逼\n", "rules", "import", "--lang", "zh", "--category", "harassment", "--severity", "high", "--scope", "-")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "languages:\n      - zh")
	assert.Contains(t, out, "pinyin: true", "Chinese lists match their pinyin by default")

	code, _, errOut = runCLI(t, "", "rules", "import", "--lang", "xx-bogus-tag", "--category", "nope", "--severity", "9", list)
	assert.Equal(t, 2, code)
	for _, w := range []string{"--lang", "--category", "--severity"} {
		assert.Contains(t, errOut, w)
	}
}

func TestRulesLintAndTest(t *testing.T) {
	bad := writeFile(t, "bad.yaml", []byte(badPack))
	code, out, errOut := runCLI(t, "", "rules", "lint", bad)
	assert.Equal(t, 1, code)
	got := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, got, 4, out)
	assert.True(t, strings.HasPrefix(got[0], bad+":4:15: "), got[0])
	assert.Contains(t, errOut, "4 problem(s)")

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("pack: a\nrules:\n  - {id: same, category: spam, severity: 1, terms: [x]}\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.yaml"), []byte("pack: b\nrules:\n  - {id: same, category: spam, severity: 1, terms: [y]}\n"), 0o644))
	code, out, _ = runCLI(t, "", "rules", "lint", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "b.yaml:3:5: rule \"same\": duplicate rule id")

	good := writeFile(t, "good.yaml", []byte("pack: g\nrules:\n  - id: g\n    category: spam\n    severity: 1\n    terms: [spam]\n    examples:\n      match: [spam here, spamming]\n      no_match: [spammer]\n"))
	code, _, errOut = runCLI(t, "", "rules", "lint", good)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "ok: 1 pack(s), 1 rule(s)")
	code, out, _ = runCLI(t, "", "rules", "test", good)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `good.yaml:3:5: rule "g": example "spamming" should match`)
	assert.NotContains(t, out, "spam here")

	code, _, _ = runCLI(t, "", "rules", "lint")
	assert.Equal(t, 2, code)
	code, _, _ = runCLI(t, "", "rules", "frob")
	assert.Equal(t, 2, code)
}

func TestPolicyAndShadowFlags(t *testing.T) {
	in := writeFile(t, "p.jsonl", []byte(`{"id":1,"text":"你是傻逼吧"}`+"\n"))
	policy := writeFile(t, "lenient.yaml", []byte("policy: lenient\nthresholds:\n  default: {label: 1}\n"))
	code, out, errOut := runCLI(t, "", "scan", "--quiet", "--policy", policy, in)
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	require.Len(t, lines, 1)
	assert.Equal(t, "label", lines[0]["action"])
	assert.Equal(t, "lenient", lines[0]["policy"])

	code, out, errOut = runCLI(t, "", "scan", "--quiet", "--shadow", in)
	require.Equal(t, 0, code, errOut)
	lines = outputLines(t, out)
	assert.Equal(t, "allow", lines[0]["action"])
	assert.Equal(t, true, lines[0]["shadow"])
	assert.Equal(t, "review", lines[0]["shadow_action"])

	bad := writeFile(t, "bad.yaml", []byte("policy: x\nthresholds:\n  rudeness: {block: 1}\n"))
	code, out, errOut = runCLI(t, "", "scan", "--policy", bad, in)
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, `bad.yaml:3:3: unknown category "rudeness"`)
}

func TestScanExtraFields(t *testing.T) {
	in := writeFile(t, "notes.jsonl", []byte(
		`{"id":1,"note":{"title":"傻逼标题","body":"今天做了红烧肉"},"tags":["#美食","#家常菜"]}`+"\n"+
			`{"id":2,"note":{"body":"没有标题的笔记"}}`+"\n"+
			`{"id":3,"note":{"body":"ok","title":42}}`+"\n"))
	code, out, errOut := runCLI(t, "", "scan", "--quiet", "--text-field", "note.body", "--field", "note.title", "--field", "tags", in)
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	require.Len(t, lines, 3)
	ms := lines[0]["matches"].([]any)
	require.Len(t, ms, 1)
	m := ms[0].(map[string]any)
	assert.Equal(t, "note.title", m["field"])
	assert.Equal(t, "傻逼", m["text"])
	assert.Equal(t, float64(0), m["start"])
	assert.NotEqual(t, "allow", lines[0]["action"])
	assert.Equal(t, "allow", lines[1]["action"], "a missing extra field is not an error")
	assert.Contains(t, lines[2]["error"], `field "note.title" is a number`)

	csv := writeFile(t, "notes.csv", []byte("id,title,body\n1,傻逼,正文\n2,,正文\n"))
	code, out, errOut = runCLI(t, "", "scan", "--quiet", "--text-field", "body", "--field", "title", csv)
	require.Equal(t, 0, code, errOut)
	lines = outputLines(t, out)
	require.Len(t, lines, 2)
	assert.Equal(t, "title", lines[0]["matches"].([]any)[0].(map[string]any)["field"])
	assert.Empty(t, lines[1]["matches"])

	code, _, errOut = runCLI(t, "", "scan", "--field", "text", in)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--field")
}

// A panic inside the moderator costs the record its verdict, not the scan:
// judge turns it into the record's error line. A nil moderator panics on
// its first use, which stands in for a bug met on one post.
func TestJudgeRecoversFromPanic(t *testing.T) {
	c := &scanConfig{}
	res := c.judge(job{seq: 0, rec: record{line: 7, text: "hello"}}, &lineEncoder{})
	assert.True(t, res.failed)
	assert.Contains(t, res.errMsg, "internal error judging the record")
	assert.Contains(t, string(res.line), `"line":7`)
	assert.Contains(t, string(res.line), `"error":"internal error judging the record`)
}
