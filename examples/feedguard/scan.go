package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/feedguard/feedguard/moderation"
)

// scanLine is one line of scan output: a verdict, or the error that kept a
// record from being judged.
type scanLine struct {
	ID    json.RawMessage `json:"id,omitempty"`
	File  string          `json:"file,omitempty"`
	Line  int             `json:"line"`
	Error string          `json:"error,omitempty"`
	*moderation.Verdict
}

type scanConfig struct {
	mod        moderatorFlags
	fields     fields
	workers    int
	out        string
	format     string
	quiet      bool
	withFile   bool
	moderator  *moderation.Moderator
	inputs     []string
	openInputs []io.ReadCloser
}

func (e *env) scan(args []string) int {
	fs := e.newFlagSet("scan", "scan [flags] [FILE...]")
	var c scanConfig
	c.mod.register(fs)
	fs.StringVar(&c.fields.id, "id-field", "id", "record field holding the post's id (a dotted path for nested JSON)")
	fs.StringVar(&c.fields.text, "text-field", "text", "record field holding the post's text (a dotted path for nested JSON)")
	fs.IntVar(&c.workers, "workers", runtime.GOMAXPROCS(0), "number of posts judged in parallel")
	fs.StringVar(&c.out, "out", "", "write verdicts to this file instead of stdout")
	fs.StringVar(&c.format, "format", "", "input format, jsonl or csv (default: from the file name; stdin is jsonl)")
	fs.BoolVar(&c.quiet, "quiet", false, "do not print the summary on stderr")
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	if c.workers < 1 {
		e.errorf("--workers must be at least 1, got %d", c.workers)
		return exitUsage
	}
	if c.fields.text == "" {
		e.errorf("--text-field must not be empty")
		return exitUsage
	}
	if _, err := formatOf("", c.format); err != nil {
		e.errorf("--format: %v", err)
		return exitUsage
	}
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	// Open every input first: an unreadable file stops the scan before any
	// output is written.
	stdinUsed := false
	for _, in := range inputs {
		if in == "-" {
			if stdinUsed {
				e.errorf("stdin (-) given more than once")
				closeAll(c.openInputs)
				return exitUsage
			}
			stdinUsed = true
			c.openInputs = append(c.openInputs, io.NopCloser(e.stdin))
			continue
		}
		f, err := os.Open(in)
		if err == nil {
			var st os.FileInfo
			if st, err = f.Stat(); err == nil && st.IsDir() {
				err = fmt.Errorf("%s is a directory", in)
				f.Close()
			}
		}
		if err != nil {
			e.errorf("cannot read input: %v", err)
			closeAll(c.openInputs)
			return exitUsage
		}
		c.openInputs = append(c.openInputs, f)
	}
	defer closeAll(c.openInputs)
	c.inputs = inputs
	c.withFile = len(inputs) > 1

	m, ok := c.mod.build(e)
	if !ok {
		return exitUsage
	}
	c.moderator = m

	out := e.stdout
	if c.out != "" {
		f, err := os.Create(c.out)
		if err != nil {
			e.errorf("cannot write output: %v", err)
			return exitUsage
		}
		defer f.Close()
		out = f
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	start := time.Now()
	sum, err := c.run(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		e.errorf("writing output: %v", err)
		return exitUsage
	}
	if !c.quiet {
		sum.print(e.stderr, time.Since(start))
	}
	return exitOK
}

func closeAll(cs []io.ReadCloser) {
	for _, c := range cs {
		c.Close()
	}
}

// job is a record on its way through the pipeline; seq orders the output.
type job struct {
	seq int
	rec record
}

type result struct {
	seq    int
	line   []byte
	action moderation.Action
	failed bool
}

// run is the pipeline: one reader, c.workers judges, and a writer that
// restores input order. At most a bounded number of records are in flight,
// so memory does not grow with the input.
func (c *scanConfig) run(w io.Writer) (summary, error) {
	inflight := make(chan struct{}, c.workers*64)
	jobs := make(chan job, c.workers*4)
	results := make(chan result, c.workers*4)

	go func() {
		defer close(jobs)
		seq := 0
		for i, name := range c.inputs {
			f, _ := formatOf(name, c.format)
			readRecords(name, c.openInputs[i], f, c.fields, func(r record) {
				inflight <- struct{}{}
				jobs <- job{seq: seq, rec: r}
				seq++
			})
		}
	}()

	var wg sync.WaitGroup
	for range c.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- c.judge(j)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	sum := summary{actions: map[moderation.Action]int{}}
	pending := map[int]result{}
	next := 0
	var werr error
	for r := range results {
		pending[r.seq] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-inflight
			sum.records++
			if p.failed {
				sum.errors++
			} else {
				sum.actions[p.action]++
			}
			if werr == nil {
				_, werr = w.Write(p.line)
			}
		}
	}
	return sum, werr
}

// judge moderates one record and renders its output line.
func (c *scanConfig) judge(j job) result {
	line := scanLine{ID: j.rec.id, Line: j.rec.line}
	if c.withFile {
		line.File = j.rec.file
	}
	res := result{seq: j.seq}
	if j.rec.err != "" {
		line.Error = j.rec.err
		res.failed = true
	} else {
		v, err := c.moderator.Moderate(context.Background(), moderation.Post{Text: j.rec.text})
		if err != nil {
			line.Error = err.Error()
			res.failed = true
		} else {
			line.Verdict = &v
			res.action = v.Action
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(line); err != nil {
		// Only reachable with an id that is not valid JSON, which the
		// readers never produce; report it rather than lose the record.
		buf.Reset()
		fmt.Fprintf(&buf, "{\"line\":%d,\"error\":%q}\n", j.rec.line, "encoding verdict: "+err.Error())
		res.failed = true
	}
	res.line = buf.Bytes()
	return res
}

type summary struct {
	records, errors int
	actions         map[moderation.Action]int
}

func (s summary) print(w io.Writer, elapsed time.Duration) {
	var parts []string
	for a := moderation.Allow; a <= moderation.Block; a++ {
		parts = append(parts, fmt.Sprintf("%s %d", a, s.actions[a]))
	}
	rate := float64(s.records) / max(elapsed.Seconds(), 1e-9)
	fmt.Fprintf(w, "feedguard: %d records in %.2fs (%.0f/s): %s; errors %d\n",
		s.records, elapsed.Seconds(), rate, strings.Join(parts, ", "), s.errors)
}
