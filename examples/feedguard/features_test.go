package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/feedguard/feedguard/moderation"
)

func TestScanZstd(t *testing.T) {
	plain := syntheticExport(t, 300, 5)
	code, want, errOut := runCLI(t, "", "scan", "--quiet", writeFile(t, "p.jsonl", plain))
	require.Equal(t, 0, code, errOut)

	// Detected by content: the name does not matter, and stdin works too.
	z := zstdBytes(t, plain)
	for _, name := range []string{"p.jsonl.zst", "p.jsonl"} {
		code, got, errOut := runCLI(t, "", "scan", "--quiet", writeFile(t, name, z))
		require.Equal(t, 0, code, errOut)
		assert.Equal(t, want, got, name)
	}
	code, got, errOut := runCLI(t, string(z), "scan", "--quiet")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, want, got, "stdin")

	// CSV inside zstd: the format comes from the name without .zst.
	csvz := zstdBytes(t, []byte("id,text\nc1,你是傻逼\nc2,hello\n"))
	code, out, errOut := runCLI(t, "", "scan", writeFile(t, "x.csv.zst", csvz))
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	require.Len(t, lines, 2)
	assert.Equal(t, "c1", lines[0]["id"])

	// A truncated stream: the records before the cut are judged, then one
	// error line, and the scan goes on with the next file.
	// Small blocks, so the records before the cut can be decoded.
	var small bytes.Buffer
	zw, err := zstd.NewWriter(&small, zstd.WithWindowSize(1<<12))
	require.NoError(t, err)
	zw.Write(plain)
	require.NoError(t, zw.Close())
	cut := writeFile(t, "cut.jsonl.zst", small.Bytes()[:small.Len()/2])
	next := writeFile(t, "next.jsonl", []byte(`{"id":"after","text":"still here"}`+"\n"))
	code, out, errOut = runCLI(t, "", "scan", "--quiet", cut, next)
	require.Equal(t, 0, code, errOut)
	lines = outputLines(t, out)
	require.Greater(t, len(lines), 2)
	last := lines[len(lines)-1]
	assert.Equal(t, "after", last["id"])
	assert.Contains(t, lines[len(lines)-2]["error"], "reading: ")
	for _, l := range lines[:len(lines)-2] {
		assert.Equal(t, cut, l["file"])
	}
}

func TestScanBadInputKeepsOneLinePerRecord(t *testing.T) {
	csvData := "id,text,extra\n" +
		"c1,\"ok text\",x\n" +
		"c2\n" + // the text column is missing
		"c3,\"bad \xff\xfe bytes\",y\n" +
		"c4,\"unterminated \"quote,z\n" +
		"c5,fine,z\n"
	jsonl := "{\"id\":1,\"text\":\"ok\"}\n" +
		"{\"id\":2,\"text\":\"bad \xc3\x28 utf8\"}\n" +
		"not json at all\n" +
		"{\"id\":4,\"text\":\"ok again\"}\n"
	csvPath := writeFile(t, "a.csv", []byte(csvData))
	jsonPath := writeFile(t, "b.jsonl", []byte(jsonl))
	sumPath := filepath.Join(t.TempDir(), "s.json")
	code, out, errOut := runCLI(t, "", "scan", "--summary", sumPath, csvPath, jsonPath)
	require.Equal(t, 0, code, errOut)
	lines := outputLines(t, out)
	var sum summary
	data, err := os.ReadFile(sumPath)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &sum))
	assert.Equal(t, len(lines), sum.Records, "records in = lines out")
	assert.Equal(t, sum.Records, sum.OutputLines)
	assert.True(t, sum.OneLinePerRecord)
	assert.Equal(t, sum.Records, sum.Verdicts+sum.Errors)
	assert.Equal(t, 0, sum.Resumed)
	assert.GreaterOrEqual(t, sum.Errors, 2)
	var errs []string
	for _, l := range lines {
		if e, ok := l["error"].(string); ok {
			errs = append(errs, e)
		}
	}
	joined := strings.Join(errs, "\n")
	assert.Contains(t, joined, `column "text" is field 2`)
	assert.Contains(t, joined, "invalid JSON")
	assert.Contains(t, errOut, "lines out")
}

func TestScanSummaryAndFailOn(t *testing.T) {
	in := writeFile(t, "p.jsonl", []byte(`{"id":1,"text":"hello, 欢迎来到小红书"}`+"\n"+
		`{"id":2,"text":"楼上那个傻逼别在这杠了"}`+"\n"+`{"id":3,"text":"不是JSON"`+"\n"))
	sumPath := filepath.Join(t.TempDir(), "summary.json")
	code, _, errOut := runCLI(t, "", "scan", "--summary", sumPath, "--fail-on", "review", in)
	assert.Equal(t, 1, code, "a record reached review")
	assert.Contains(t, errOut, "--fail-on review: 1 record(s)")

	data, err := os.ReadFile(sumPath)
	require.NoError(t, err)
	var sum summary
	require.NoError(t, json.Unmarshal(data, &sum))
	assert.Equal(t, 3, sum.Records)
	assert.Equal(t, 3, sum.OutputLines)
	assert.Equal(t, 1, sum.Errors)
	assert.Equal(t, 2, sum.Verdicts)
	assert.Equal(t, 1, sum.Actions["review"])
	assert.Equal(t, 1, sum.Actions["allow"])
	assert.Equal(t, 1, sum.Categories["harassment"])
	assert.Equal(t, 1, sum.Rules["zh.harassment.shabi"])
	assert.Equal(t, 2, sum.Languages["zh-Hans"])
	assert.Equal(t, 1, sum.ActionsByLanguage["zh-Hans"]["review"])
	require.Len(t, sum.Tone.Histogram, 10)
	total := 0
	for _, b := range sum.Tone.Histogram {
		total += b.Count
	}
	assert.Equal(t, 2, total)
	assert.Equal(t, &failOnSummary{Action: "review", Records: 1}, sum.FailOn)
	assert.Positive(t, sum.ElapsedSeconds)
	require.Len(t, sum.ErrorSamples, 1)
	assert.Equal(t, "line 3", sum.ErrorSamples[0].Position)

	code, _, errOut = runCLI(t, "", "scan", "--quiet", "--fail-on", "block", in)
	assert.Equal(t, 0, code, errOut)
	code, _, errOut = runCLI(t, "", "scan", "--quiet", "--fail-on", "allow", in)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--fail-on")
}

// fakeTerminal is a stderr that says it is a terminal.
type fakeTerminal struct{ bytes.Buffer }

func TestScanProgress(t *testing.T) {
	in := writeFile(t, "p.jsonl", syntheticExport(t, 400, 6))
	run := func(args ...string) string {
		var stderr fakeTerminal
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr,
			isTerminal: func(w io.Writer) bool { _, ok := w.(*fakeTerminal); return ok }}
		require.Equal(t, 0, e.scan(args))
		return stderr.String()
	}
	out := run(in)
	assert.Contains(t, out, "scanning", "a bar on a terminal")
	assert.Contains(t, out, "\r", "redrawn in place")
	assert.Contains(t, out, "401 records in")
	assert.Empty(t, run("--quiet", in), "--quiet turns everything off")

	// Not a terminal: only the summary.
	code, _, errOut := runCLI(t, "", "scan", in)
	require.Equal(t, 0, code)
	assert.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
	assert.NotContains(t, errOut, "\r")
}

// TestDecideMatchesPolicy checks that the evaluation's recomputation of
// actions agrees with the moderator on every sample post, so the threshold
// sweep starts from the real actions.
func TestDecideMatchesPolicy(t *testing.T) {
	code, out, errOut := runCLI(t, "", "scan", "--quiet", "../data/posts.jsonl")
	require.Equal(t, 0, code, errOut)
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var line scanLine
		require.NoError(t, json.Unmarshal([]byte(l), &line))
		require.NotNil(t, line.Verdict)
		got, _ := moderation.DefaultPolicy().Decide(line.Matches, line.Tone, line.Language)
		assert.Equal(t, line.Action, got, "line %d", line.Line)
		n++
	}
	assert.Equal(t, 355, n)
}

func TestEval(t *testing.T) {
	code, out, errOut := runCLI(t, "", "eval", "--labels", "testdata/labelled.jsonl")
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{
		`Evaluation against the "label" field: 30 labelled records`,
		"2 unlabelled",
		`"mystery" ×1`,
		"Categories", "Languages (as detected)", "expected \\ actual", "Threshold sweep",
		"as configured", "review +2", "block -1", "all (micro)",
	} {
		assert.Contains(t, out, want)
	}

	code, out, errOut = runCLI(t, "", "eval", "--json", "--label-field", "label", "testdata/labelled.jsonl")
	require.Equal(t, 0, code, errOut)
	var rep evalReport
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 30, rep.Labelled)
	assert.Equal(t, 30, rep.WithAction)
	assert.Equal(t, 2, rep.Unlabelled)
	confTotal := 0
	for _, row := range rep.Confusion {
		for _, n := range row {
			confTotal += n
		}
	}
	assert.Equal(t, 30, confTotal)
	// The unshifted row of the sweep is the actual actions.
	var base *sweepRow
	for i := range rep.Sweep {
		if rep.Sweep[i].Review == 0 && rep.Sweep[i].Block == 0 {
			base = &rep.Sweep[i]
		}
	}
	require.NotNil(t, base)
	assert.Zero(t, base.Changed)
	for action := range base.Actions {
		col := 0
		for _, row := range rep.Confusion {
			col += row[action]
		}
		assert.Equal(t, col, base.Actions[action], action)
	}
	h := rep.Categories["harassment"]
	require.NotNil(t, h)
	assert.Equal(t, 6, h.Support)
	assert.Positive(t, rep.Categories["all"].F1)
	// Moving the block thresholds down blocks more.
	for _, r := range rep.Sweep {
		if r.Block == -2 {
			assert.Greater(t, r.Actions["block"], base.Actions["block"])
		}
	}

	// The report shows the evaluation; --out keeps the verdicts.
	report := filepath.Join(t.TempDir(), "r.html")
	verdicts := filepath.Join(t.TempDir(), "v.jsonl")
	code, _, errOut = runCLI(t, "", "eval", "--quiet", "--report", report, "--out", verdicts, "--labels", "testdata/labelled.jsonl")
	require.Equal(t, 0, code, errOut)
	html, err := os.ReadFile(report)
	require.NoError(t, err)
	assert.Contains(t, string(html), `id="evaluation"`)
	v, err := os.ReadFile(verdicts)
	require.NoError(t, err)
	assert.Equal(t, 32, bytes.Count(v, []byte("\n")))

	// CSV: the label is a column.
	csvPath := writeFile(t, "l.csv", []byte("id,text,expected\n1,你是傻逼,\"review,harassment\"\n2,hello friends,allow\n3,no label here,\n"))
	code, out, errOut = runCLI(t, "", "eval", "--quiet", "--json", "--label-field", "expected", csvPath)
	require.Equal(t, 0, code, errOut)
	rep = evalReport{}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 2, rep.Labelled)
	assert.Equal(t, 1, rep.Unlabelled)
	assert.Equal(t, 1, rep.Confusion["review"]["review"])
	assert.Equal(t, 1, rep.Confusion["allow"]["allow"])

	code, _, errOut = runCLI(t, "", "eval")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "labelled export")
}

func TestLabelNames(t *testing.T) {
	tests := []struct {
		raw  string
		want []string
	}{
		{`"Review"`, []string{"review"}},
		{`"review, harassment"`, []string{"review", "harassment"}},
		{`["block","hate/threatening"]`, []string{"block", "hate/threatening"}},
		{`""`, nil},
		{`3`, []string{"3"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, labelNames(json.RawMessage(tt.raw)), tt.raw)
	}
	assert.Equal(t, []string{"harassment", "harassment/threatening", "spam"}, withParents([]string{"harassment/threatening", "spam"}))
}
