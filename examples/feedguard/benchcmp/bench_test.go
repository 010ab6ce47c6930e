package benchcmp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// BenchmarkPipeline runs each pipeline as its own process over the same
// b.N posts (use -benchtime=20000x) and reports:
//
//   - posts/s: posts judged per second once the models are loaded, as the
//     process measures it;
//   - peak-RSS-MiB: the process's peak resident memory (getrusage
//     maxrss), models included;
//   - load-s: the time before the first post, mostly loading models;
//   - cpu-us/post: CPU time (user + system) per post, the CPU time of a
//     run over one post (the start-up) taken off. On a shared machine this
//     moves much less than posts/s, which is wall-clock.
//
// ns/op is the whole process's wall time divided by b.N, start-up
// included.
//
//	cd examples/feedguard/benchcmp
//	go test -run x -bench Pipeline -benchtime 20000x -count 3 .
func BenchmarkPipeline(b *testing.B) {
	bins := binaries(b)
	input := writeInput(b, b.N)
	for _, impl := range []string{"feedguard", "naive"} {
		b.Run("impl="+impl, func(b *testing.B) {
			input := input
			if b.N != countLines(b, input) {
				input = writeInput(b, b.N)
			}
			r := runPipeline(b, bins, impl, input, nil)
			startup := startupCPU(b, bins, impl)
			b.ReportMetric(r.postsPerSecond, "posts/s")
			b.ReportMetric((r.cpu-startup).Seconds()*1e6/float64(b.N), "cpu-us/post")
			b.ReportMetric(float64(r.peakRSS)/(1<<20), "peak-RSS-MiB")
			b.ReportMetric(r.wall.Seconds()-r.elapsed.Seconds(), "load-s")
		})
	}
}

// BenchmarkGOGC runs the feedguard scan with several garbage-collector
// targets, to check the one the command sets.
//
//	go test -run x -bench GOGC -benchtime 20000x -count 3 .
func BenchmarkGOGC(b *testing.B) {
	bins := binaries(b)
	input := writeInput(b, b.N)
	for _, gogc := range []string{"100", "200", "400"} {
		b.Run("GOGC="+gogc, func(b *testing.B) {
			in := input
			if b.N != countLines(b, in) {
				in = writeInput(b, b.N)
			}
			r := runPipeline(b, bins, "feedguard", in, []string{"GOGC=" + gogc})
			b.ReportMetric(r.postsPerSecond, "posts/s")
			b.ReportMetric(float64(r.peakRSS)/(1<<20), "peak-RSS-MiB")
		})
	}
}

// TestInputMix checks the benchmark input: deterministic, and 60/30/10.
func TestInputMix(t *testing.T) {
	a, counts, err := Posts("../../data/posts.jsonl", 10000)
	require.NoError(t, err)
	b, _, err := Posts("../../data/posts.jsonl", 10000)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.InDelta(t, 6000, counts[Chinese], 200)
	assert.InDelta(t, 3000, counts[English], 200)
	assert.InDelta(t, 1000, counts[Other], 150)
	assert.Equal(t, Chinese, Classify("今天去操场跑了5公里"))
	assert.Equal(t, Chinese, Classify("我觉得 this is 真的很好吃"))
	assert.Equal(t, English, Classify("Welcome to the app, friends"))
	assert.Equal(t, Other, Classify("¿Dónde está la biblioteca?"))
	assert.Equal(t, Other, Classify("東京の駅はとても大きいです"))
	assert.Equal(t, Other, Classify("안녕하세요 여러분"))
}

type run struct {
	postsPerSecond     float64
	elapsed, wall, cpu time.Duration
	peakRSS            int64
}

var (
	startupMu  sync.Mutex
	startupFor = map[string]time.Duration{}
)

// startupCPU is the CPU time of a run over a single post: loading the
// models and rules, mostly. It is measured once per pipeline, the least
// of three runs.
func startupCPU(b *testing.B, bins map[string]string, impl string) time.Duration {
	startupMu.Lock()
	defer startupMu.Unlock()
	if d, ok := startupFor[impl]; ok {
		return d
	}
	one := filepath.Join(b.TempDir(), "one.jsonl")
	require.NoError(b, os.WriteFile(one, []byte(`{"id":1,"text":"hello 你好"}`+"\n"), 0o644))
	best := time.Duration(1 << 62)
	for range 3 {
		best = min(best, runProcess(b, bins, impl, one, 1, nil).cpu)
	}
	startupFor[impl] = best
	return best
}

var (
	buildOnce sync.Once
	built     map[string]string
	buildErr  error
)

// binaries builds the feedguard command and the naive pipeline once.
func binaries(b *testing.B) map[string]string {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "feedguard-benchcmp-")
		if err != nil {
			buildErr = err
			return
		}
		built = map[string]string{"feedguard": filepath.Join(dir, "feedguard"), "naive": filepath.Join(dir, "naive")}
		// The feedguard command is built in the feedguard module, as its
		// users build it; the naive pipeline in this one.
		for name, pkg := range map[string][2]string{"feedguard": {"../../..", "./examples/feedguard"}, "naive": {".", "./naive"}} {
			cmd := exec.Command("go", "build", "-o", built[name], pkg[1])
			cmd.Dir = pkg[0]
			out, err := cmd.CombinedOutput()
			if err != nil {
				buildErr = fmt.Errorf("building %s: %v\n%s", name, err, out)
				return
			}
		}
	})
	if buildErr != nil {
		b.Fatal(buildErr)
	}
	return built
}

func writeInput(b *testing.B, n int) string {
	data, _, err := Posts("../../data/posts.jsonl", n)
	require.NoError(b, err)
	path := filepath.Join(b.TempDir(), "posts.jsonl")
	require.NoError(b, os.WriteFile(path, data, 0o644))
	return path
}

func countLines(b *testing.B, path string) int {
	data, err := os.ReadFile(path)
	require.NoError(b, err)
	return bytes.Count(data, []byte("\n"))
}

// runPipeline runs one pipeline over the b.N posts of input, timed by b.
func runPipeline(b *testing.B, bins map[string]string, impl, input string, env []string) run {
	b.ResetTimer()
	r := runProcess(b, bins, impl, input, b.N, env)
	b.StopTimer()
	return r
}

// runProcess runs one pipeline over the n posts of input and reads its own
// timing.
func runProcess(b *testing.B, bins map[string]string, impl, input string, n int, env []string) run {
	dir := b.TempDir()
	var cmd *exec.Cmd
	summary := filepath.Join(dir, "summary.json")
	workers := fmt.Sprint(runtime.NumCPU())
	switch impl {
	case "feedguard":
		cmd = exec.Command(bins[impl], "scan", "--quiet", "--workers", workers, "--out", os.DevNull, "--summary", summary, input)
	case "naive":
		cmd = exec.Command(bins[impl], "--workers", workers, input)
	}
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	require.NoError(b, err, "%s", stderr.String())
	var timing struct {
		Records          int     `json:"records"`
		ElapsedSeconds   float64 `json:"elapsed_seconds"`
		RecordsPerSecond float64 `json:"records_per_second"`
	}
	data := stderr.Bytes()
	if impl == "feedguard" {
		data, err = os.ReadFile(summary)
		require.NoError(b, err)
	}
	require.NoError(b, json.Unmarshal(data, &timing), "%s", data)
	require.Equal(b, n, timing.Records)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return run{
		postsPerSecond: float64(timing.Records) / timing.ElapsedSeconds,
		elapsed:        time.Duration(timing.ElapsedSeconds * float64(time.Second)),
		wall:           wall,
		peakRSS:        ru.Maxrss << 10, // kilobytes on Linux
		cpu:            time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
	}
}
