package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// samplePosts returns the sample export's lines.
func samplePosts(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile("../data/posts.jsonl")
	require.NoError(t, err)
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// syntheticExport writes n records drawn (deterministically) from the
// sample posts, each with a fresh id, and returns them as JSON Lines.
func syntheticExport(t testing.TB, n int, seed uint64) []byte {
	t.Helper()
	posts := samplePosts(t)
	rng := rand.New(rand.NewPCG(seed, 0))
	var b bytes.Buffer
	for i := range n {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(posts[rng.IntN(len(posts))]), &m))
		m["id"] = i
		line, err := json.Marshal(m)
		require.NoError(t, err)
		b.Write(line)
		b.WriteByte('\n')
		if i%500 == 250 {
			b.WriteString("{\"id\": broken json\n") // a bad record among them
		}
	}
	return b.Bytes()
}

func zstdBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, err := zstd.NewWriter(&b)
	require.NoError(t, err)
	_, err = zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// buildBinary builds the command into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "feedguard")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// TestResumeAfterKill runs the real binary on a few thousand records in
// two files (JSON Lines and zstd), kills it with SIGKILL at random moments
// while it writes, resumes each time, and checks that the final output is
// byte for byte the output of an uninterrupted run.
func TestResumeAfterKill(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	b := filepath.Join(dir, "b.jsonl.zst")
	require.NoError(t, os.WriteFile(a, syntheticExport(t, 1500, 1), 0o644))
	require.NoError(t, os.WriteFile(b, zstdBytes(t, syntheticExport(t, 1500, 2)), 0o644))

	scan := func(out string, extra ...string) *exec.Cmd {
		args := append([]string{"scan", "--quiet", "--workers", "2", "--out", out}, extra...)
		return exec.Command(bin, append(args, a, b)...)
	}
	want := filepath.Join(dir, "want.jsonl")
	out, err := scan(want).CombinedOutput()
	require.NoError(t, err, "%s", out)
	wantData, err := os.ReadFile(want)
	require.NoError(t, err)
	require.Equal(t, 3006, bytes.Count(wantData, []byte("\n")), "one line per record, bad ones included")

	got := filepath.Join(dir, "got.jsonl")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	kills, torn := 0, 0
	for attempt := 0; attempt < 30 && kills < 5; attempt++ {
		// Kill once the output has grown past a random point of what is
		// left, plus a random few milliseconds.
		before := fileSize(got)
		target := before + 1 + rng.Int64N(int64(len(wantData))-before)/2
		cmd := scan(got, "--resume")
		require.NoError(t, cmd.Start())
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		deadline := time.After(30 * time.Second)
		ended := false // the scan finished on its own; only the channel says so
	wait:
		for fileSize(got) < target {
			select {
			case err := <-exited:
				require.NoError(t, err, "the scan ended on its own")
				ended = true
				break wait
			case <-deadline:
				t.Fatal("the scan made no progress")
			case <-time.After(time.Millisecond):
			}
		}
		time.Sleep(time.Duration(rng.IntN(3)) * time.Millisecond)
		if !ended {
			select {
			case err := <-exited:
				require.NoError(t, err, "the scan ended on its own")
			default:
				if cmd.Process.Signal(syscall.SIGKILL) == nil {
					<-exited
					kills++
					data, _ := os.ReadFile(got)
					if len(data) > 0 && data[len(data)-1] != '\n' {
						torn++
					}
				} else {
					<-exited
				}
			}
		}
		if fileSize(got) == int64(len(wantData)) {
			if kills > 0 {
				break
			}
			// The scan outran every kill: start over.
			require.NoError(t, os.Remove(got))
		}
	}
	t.Logf("%d kills, %d of them left a torn last line", kills, torn)
	assert.Positive(t, kills)

	summaryPath := filepath.Join(dir, "summary.json")
	out, err = scan(got, "--resume", "--summary", summaryPath).CombinedOutput()
	require.NoError(t, err, "%s", out)
	gotData, err := os.ReadFile(got)
	require.NoError(t, err)
	require.True(t, bytes.Equal(wantData, gotData), "resumed output differs from an uninterrupted run:\n%s", firstDifference(wantData, gotData))

	var sum summary
	data, err := os.ReadFile(summaryPath)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &sum))
	assert.Equal(t, 3006, sum.Records)
	assert.Equal(t, 3006, sum.OutputLines)
	assert.Equal(t, 6, sum.Errors)
	assert.Equal(t, 3006, sum.Resumed+sum.Judged)
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// firstDifference describes the first line where two outputs differ.
func firstDifference(a, b []byte) string {
	sa, sb := bufio.NewScanner(bytes.NewReader(a)), bufio.NewScanner(bytes.NewReader(b))
	sa.Buffer(nil, 1<<26)
	sb.Buffer(nil, 1<<26)
	for n := 1; ; n++ {
		okA, okB := sa.Scan(), sb.Scan()
		if !okA || !okB || sa.Text() != sb.Text() {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", n, trunc(sa.Text()), trunc(sb.Text()))
		}
	}
}

func trunc(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// TestResumeRepairsTornLine cuts an output in the middle of a line and
// resumes: the torn line is redone once, never duplicated.
func TestResumeRepairsTornLine(t *testing.T) {
	in := writeFile(t, "p.jsonl", syntheticExport(t, 60, 3))
	dir := t.TempDir()
	want := filepath.Join(dir, "want.jsonl")
	code, _, errOut := runCLI(t, "", "scan", "--quiet", "--out", want, in)
	require.Equal(t, 0, code, errOut)
	wantData, err := os.ReadFile(want)
	require.NoError(t, err)

	for _, cut := range []int{0, 1, len(wantData) / 3, bytes.IndexByte(wantData, '\n') + 1, len(wantData) - 1, len(wantData)} {
		got := filepath.Join(dir, "got.jsonl")
		require.NoError(t, os.WriteFile(got, wantData[:cut], 0o644))
		code, _, errOut := runCLI(t, "", "scan", "--resume", "--out", got, in)
		require.Equal(t, 0, code, errOut)
		gotData, err := os.ReadFile(got)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(wantData, gotData), "cut at %d: %s", cut, firstDifference(wantData, gotData))
		assert.Contains(t, errOut, "60 records in, 60 lines out")
		if done := bytes.Count(wantData[:cut], []byte("\n")); done > 0 {
			assert.Contains(t, errOut, "("+strconv.Itoa(done)+" resumed from")
		}
	}
}

func TestResumeRejectsOtherOutput(t *testing.T) {
	in := writeFile(t, "p.jsonl", syntheticExport(t, 20, 4))
	other := writeFile(t, "other.jsonl", []byte(`{"id":1,"text":"a"}`+"\n\n"+`{"id":2,"text":"b"}`+"\n"))
	out := filepath.Join(t.TempDir(), "out.jsonl")
	code, _, errOut := runCLI(t, "", "scan", "--quiet", "--out", out, other)
	require.Equal(t, 0, code, errOut)
	before, _ := os.ReadFile(out)

	// The second line of out is for line 3 of its input; the inputs' second
	// record is line 2.
	code, _, errOut = runCLI(t, "", "scan", "--resume", "--out", out, in)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "does not continue this scan")
	after, _ := os.ReadFile(out)
	assert.Equal(t, before, after, "nothing is written")

	// More lines than records.
	big := filepath.Join(t.TempDir(), "big.jsonl")
	code, _, _ = runCLI(t, "", "scan", "--quiet", "--out", big, in)
	require.Equal(t, 0, code)
	short := writeFile(t, "short.jsonl", syntheticExport(t, 5, 4))
	code, _, errOut = runCLI(t, "", "scan", "--resume", "--out", big, short)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "inputs hold only 5 records")

	code, _, errOut = runCLI(t, "", "scan", "--resume", in)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--resume needs --out")
}
