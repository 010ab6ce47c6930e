package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
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
	mod         moderatorFlags
	fields      fields
	workers     int
	out         string
	format      string
	quiet       bool
	resume      bool
	summaryPath string
	reportPath  string
	failOn      string

	failOnAction moderation.Action
	withFile     bool
	moderator    *moderation.Moderator
	inputs       []string
	openInputs   []io.ReadCloser
	// resumed is what an earlier run already wrote to the output.
	resumed resumePoint
	// resumeFrom reads the lines of the earlier run, when resuming.
	resumeFrom *bufio.Reader
	// keepRecords asks for every record to be parsed, resumed ones too:
	// the report and the evaluation need their text and labels.
	keepRecords bool
	eval        *evaluation
	progress    *progress
}

// register adds the flags scan and eval share.
func (c *scanConfig) register(fs *flag.FlagSet) {
	fs.StringVar(&c.fields.id, "id-field", "id", "record field holding the post's id (a dotted path for nested JSON)")
	fs.StringVar(&c.fields.text, "text-field", "text", "record field holding the post's text (a dotted path for nested JSON)")
	fs.Var((*listFlag)(&c.fields.extra), "field", "another text field judged with the post, such as title or tags (repeatable; a dotted path for nested JSON); matches in it carry its name")
	fs.IntVar(&c.workers, "workers", runtime.GOMAXPROCS(0), "number of posts judged in parallel")
	fs.StringVar(&c.out, "out", "", "write verdicts to this file instead of stdout")
	fs.StringVar(&c.format, "format", "", "input format, jsonl or csv (default: from the file name; stdin is jsonl)")
	fs.BoolVar(&c.quiet, "quiet", false, "print nothing on stderr: no progress bar, no summary")
	fs.BoolVar(&c.resume, "resume", false, "with --out: continue an interrupted scan after the last complete line of the output file")
	fs.StringVar(&c.summaryPath, "summary", "", "write a JSON summary (counts per action, category, language and rule, tone histogram, throughput) to this file")
	fs.StringVar(&c.reportPath, "report", "", "write a self-contained HTML report with charts and example verdicts to this file")
	fs.StringVar(&c.failOn, "fail-on", "", "exit 1 if any record gets this action or a stronger one (label, limit, review, block)")
}

func (e *env) scan(args []string) int {
	fs := e.newFlagSet("scan", "scan [flags] [FILE...]")
	var c scanConfig
	c.mod.register(fs)
	c.register(fs)
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	return e.runScan(&c, inputs, e.stdout)
}

// runScan validates the configuration, opens everything, runs the
// pipeline and writes the summary, report and evaluation. Verdicts go to
// --out, else to stdout.
func (e *env) runScan(c *scanConfig, inputs []string, stdout io.Writer) int {
	if c.workers < 1 {
		e.errorf("--workers must be at least 1, got %d", c.workers)
		return exitUsage
	}
	if len(c.fields.extra) > moderation.MaxFields {
		e.errorf("--field: at most %d extra fields", moderation.MaxFields)
		return exitUsage
	}
	for i, f := range c.fields.extra {
		if f == "" || f == c.fields.text || slices.Contains(c.fields.extra[:i], f) {
			e.errorf("--field %q: give each extra field once, apart from --text-field", f)
			return exitUsage
		}
	}
	if c.fields.text == "" {
		e.errorf("--text-field must not be empty")
		return exitUsage
	}
	if _, err := formatOf("", c.format); err != nil {
		e.errorf("--format: %v", err)
		return exitUsage
	}
	if c.resume && c.out == "" {
		e.errorf("--resume needs --out FILE: it continues the scan whose verdicts are in FILE")
		return exitUsage
	}
	if c.failOn != "" {
		a, err := moderation.ParseAction(c.failOn)
		if err != nil || a == moderation.Allow {
			e.errorf("--fail-on: want label, limit, review or block, got %q", c.failOn)
			return exitUsage
		}
		c.failOnAction = a
	}
	c.keepRecords = c.reportPath != "" || c.eval != nil
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	// Open every input first: an unreadable file stops the scan before any
	// output is written.
	stdinUsed := false
	var sizes []int64
	for _, in := range inputs {
		if in == "-" {
			if stdinUsed {
				e.errorf("stdin (-) given more than once")
				closeAll(c.openInputs)
				return exitUsage
			}
			stdinUsed = true
			c.openInputs = append(c.openInputs, io.NopCloser(e.stdin))
			sizes = append(sizes, -1)
			continue
		}
		f, err := os.Open(in)
		var st os.FileInfo
		if err == nil {
			if st, err = f.Stat(); err == nil && st.IsDir() {
				err = fmt.Errorf("%s is a directory", in)
			}
			if err != nil {
				f.Close()
			}
		}
		if err != nil {
			e.errorf("cannot read input: %v", err)
			closeAll(c.openInputs)
			return exitUsage
		}
		c.openInputs = append(c.openInputs, f)
		size := int64(-1)
		if st.Mode().IsRegular() {
			size = st.Size()
		}
		sizes = append(sizes, size)
	}
	defer closeAll(c.openInputs)
	c.inputs = inputs
	c.withFile = len(inputs) > 1

	m, ok := c.mod.build(e)
	if !ok {
		return exitUsage
	}
	c.moderator = m
	// Loading the language models and compiling the rules leaves garbage
	// several times the size of what they keep. Collecting it now sets the
	// heap goal from what a scan really holds, so peak memory does not
	// depend on where a collection happened to fall during loading.
	runtime.GC()
	if c.eval != nil {
		c.eval.policy = m.Policy() // the sweep replays the policy in use
	}

	out := stdout
	if c.out != "" {
		f, rp, err := openOutput(c.out, c.resume)
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		defer f.Close()
		out = f
		c.resumed = rp
		if rp.lines > 0 {
			prev, err := os.Open(c.out)
			if err != nil {
				e.errorf("--resume: %v", err)
				return exitUsage
			}
			defer prev.Close()
			c.resumeFrom = bufio.NewReaderSize(io.LimitReader(prev, rp.size), 1<<20)
		}
	}
	if !c.quiet && e.isTerminal(e.stderr) {
		c.progress = startProgress(e.stderr, sizes)
		for i, in := range c.openInputs {
			c.openInputs[i] = countingReader{in, &c.progress.bytes}
		}
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	start := time.Now()
	st, err := c.run(bw)
	if ferr := bw.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("writing output: %w", ferr)
	}
	elapsed := time.Since(start)
	if c.progress != nil {
		c.progress.stop()
	}
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if f, ok := out.(*os.File); ok && c.out != "" {
		// On disk before the summary says the scan is complete. Only
		// regular files: /dev/null and pipes cannot be synced.
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if err := f.Sync(); err != nil {
				e.errorf("writing output: %v", err)
				return exitUsage
			}
		}
	}
	sum := st.summary(c, elapsed)
	if c.summaryPath != "" {
		data, _ := json.MarshalIndent(sum, "", "  ")
		if err := writeFileAtomic(c.summaryPath, append(data, '\n')); err != nil {
			e.errorf("writing summary: %v", err)
			return exitUsage
		}
	}
	if c.reportPath != "" {
		var buf bytes.Buffer
		if err := writeReport(&buf, sum, st, c.eval); err != nil {
			e.errorf("writing report: %v", err)
			return exitUsage
		}
		if err := writeFileAtomic(c.reportPath, buf.Bytes()); err != nil {
			e.errorf("writing report: %v", err)
			return exitUsage
		}
	}
	if c.eval != nil {
		if err := c.eval.write(e.stdout); err != nil {
			e.errorf("writing evaluation: %v", err)
			return exitUsage
		}
	}
	if !c.quiet {
		sum.print(e.stderr)
	}
	if c.failOn != "" && st.reached(c.failOnAction) > 0 {
		if !c.quiet {
			e.errorf("--fail-on %s: %d record(s) reached %s or stronger", c.failOnAction, st.reached(c.failOnAction), c.failOnAction)
		}
		return exitProblems
	}
	return exitOK
}

func closeAll(cs []io.ReadCloser) {
	for _, c := range cs {
		c.Close()
	}
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(dirOf(path), ".feedguard-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

// job is a record on its way through the pipeline; seq orders the output.
// done holds the output line an earlier run wrote for it, when resuming.
type job struct {
	seq  int
	rec  record
	done []byte
}

type result struct {
	seq int
	rec record
	// line is the output line to write; nil for a resumed record, whose
	// line is already in the output.
	line    []byte
	verdict *moderation.Verdict
	errMsg  string
	failed  bool
	resumed bool
	// mismatch says why a resumed line does not belong to its record.
	mismatch string
}

// run is the pipeline: one reader, c.workers judges, and a writer that
// restores input order. At most a bounded number of records are in flight,
// so memory does not grow with the input.
func (c *scanConfig) run(w io.Writer) (*stats, error) {
	inflight := make(chan struct{}, c.workers*64)
	jobs := make(chan job, c.workers*4)
	results := make(chan result, c.workers*4)
	var stop atomic.Bool
	var readErr error

	go func() {
		defer close(jobs)
		seq := 0
		opts := readOptions{fields: c.fields}
		if !c.keepRecords {
			opts.skip = func() bool { return seq < c.resumed.lines }
		}
		emit := func(r record) bool {
			if stop.Load() {
				return false
			}
			j := job{seq: seq, rec: r}
			if seq < c.resumed.lines {
				line, err := c.resumeFrom.ReadBytes('\n')
				if err != nil {
					readErr = fmt.Errorf("--resume: reading %s: %w", c.out, err)
					stop.Store(true)
					return false
				}
				j.done = line
			}
			inflight <- struct{}{}
			jobs <- j
			seq++
			if c.progress != nil {
				c.progress.read.Add(1)
			}
			return true
		}
		if c.progress != nil {
			defer c.progress.readerDone.Store(true)
		}
		for i, name := range c.inputs {
			f, _ := formatOf(name, c.format)
			if !readRecords(name, c.openInputs[i], f, opts, emit) {
				return
			}
		}
		if seq < c.resumed.lines && readErr == nil {
			readErr = fmt.Errorf("--resume: %s has %d lines but the inputs hold only %d records; is it the output of another scan?", c.out, c.resumed.lines, seq)
		}
	}()

	var wg sync.WaitGroup
	for range c.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var enc lineEncoder
			for j := range jobs {
				if j.done != nil {
					results <- c.resumeJob(j)
				} else {
					results <- c.judge(j, &enc)
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	st := newStats(c)
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
			if werr != nil {
				continue
			}
			if p.mismatch != "" {
				werr = fmt.Errorf("--resume: %s does not continue this scan: %s", c.out, p.mismatch)
				stop.Store(true)
				continue
			}
			if !p.resumed {
				if _, werr = w.Write(p.line); werr != nil {
					werr = fmt.Errorf("writing output: %w", werr)
					stop.Store(true)
					continue
				}
			}
			st.add(p)
			if c.eval != nil {
				c.eval.add(p)
			}
			if c.progress != nil {
				c.progress.records.Add(1)
			}
		}
	}
	if werr == nil {
		werr = readErr
	}
	return st, werr
}

// lineEncoder renders output lines into a buffer it reuses, so a worker
// does not grow a new buffer for every line.
type lineEncoder struct {
	buf     []byte
	scratch bytes.Buffer
	jbuf    bytes.Buffer
	enc     *json.Encoder
}

// encode renders l as one line of JSON, as encoding/json writes it with
// HTML characters not escaped, and returns it; the line stays valid until
// the next call. The common case is written by appendScanLine; the rest
// (such as an id that is not valid JSON) goes through encoding/json.
func (e *lineEncoder) encode(l *scanLine) ([]byte, error) {
	b, ok := appendScanLine(e.buf[:0], l, &e.scratch)
	if ok {
		e.buf = append(b, '\n')
		return e.buf, nil
	}
	e.buf = b
	if e.enc == nil {
		e.enc = json.NewEncoder(&e.jbuf)
		e.enc.SetEscapeHTML(false)
	}
	e.jbuf.Reset()
	err := e.enc.Encode(l)
	return e.jbuf.Bytes(), err
}

// moderate judges one record. A panic inside the moderator becomes the
// record's error, so one post that trips a bug costs its own verdict and
// not the scan.
func (c *scanConfig) moderate(rec record) (v moderation.Verdict, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error judging the record: %v", p)
		}
	}()
	return c.moderator.Moderate(context.Background(), moderation.Post{Text: rec.text, Fields: rec.extra})
}

// judge moderates one record and renders its output line with enc.
func (c *scanConfig) judge(j job, enc *lineEncoder) result {
	line := scanLine{ID: j.rec.id, Line: j.rec.line}
	if c.withFile {
		line.File = j.rec.file
	}
	res := result{seq: j.seq, rec: j.rec}
	if j.rec.err != "" {
		line.Error = j.rec.err
		res.failed = true
	} else {
		v, err := c.moderate(j.rec)
		if err != nil {
			line.Error = err.Error()
			res.failed = true
		} else {
			line.Verdict = &v
			res.verdict = &v
		}
	}
	out, err := enc.encode(&line)
	// The line outlives the buffer: copy it out, in one allocation of its
	// size.
	res.line = bytes.Clone(out)
	if err != nil {
		// Only reachable with an id that is not valid JSON, which the
		// readers never produce; report it rather than lose the record.
		buf := new(bytes.Buffer)
		fl, _ := json.Marshal(line.File)
		msg, _ := json.Marshal("encoding verdict: " + err.Error())
		if c.withFile {
			fmt.Fprintf(buf, "{\"file\":%s,\"line\":%d,\"error\":%s}\n", fl, j.rec.line, msg)
		} else {
			fmt.Fprintf(buf, "{\"line\":%d,\"error\":%s}\n", j.rec.line, msg)
		}
		res.failed, res.verdict, line.Error = true, nil, "encoding verdict: "+err.Error()
		res.line = buf.Bytes()
	}
	res.errMsg = line.Error
	return res
}

// resumeJob reads back the line an earlier run wrote for a record, checks
// that it is that record's line, and passes its verdict on to the summary,
// report and evaluation without judging the record again.
func (c *scanConfig) resumeJob(j job) result {
	res := result{seq: j.seq, rec: j.rec, resumed: true}
	var line scanLine
	if err := json.Unmarshal(j.done, &line); err != nil {
		res.mismatch = fmt.Sprintf("line %d is not a verdict: %v", j.seq+1, err)
		return res
	}
	wantFile := ""
	if c.withFile {
		wantFile = j.rec.file
	}
	if line.Line != j.rec.line || line.File != wantFile {
		res.mismatch = fmt.Sprintf("its line %d is for %s, but record %d of the inputs is %s",
			j.seq+1, position(line.File, line.Line), j.seq+1, position(wantFile, j.rec.line))
		return res
	}
	if len(res.rec.id) == 0 {
		res.rec.id = line.ID
	}
	if line.Error != "" || line.Verdict == nil {
		res.failed, res.errMsg = true, line.Error
	} else {
		res.verdict = line.Verdict
	}
	return res
}

func position(file string, line int) string {
	if file == "" {
		return fmt.Sprintf("line %d", line)
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// resumePoint is what an earlier, interrupted run left in the output
// file: lines complete verdict lines in its first size bytes.
type resumePoint struct {
	lines int
	size  int64
	torn  int64 // bytes of an incomplete last line, cut away
}

// openOutput opens the verdict file. Without resume it is created empty.
// With resume, a partial last line (a write cut short by a kill) is cut
// away, and the file is positioned after the last complete line.
func openOutput(path string, resume bool) (*os.File, resumePoint, error) {
	var rp resumePoint
	if !resume {
		f, err := os.Create(path)
		if err != nil {
			return nil, rp, fmt.Errorf("cannot write output: %w", err)
		}
		return f, rp, nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, rp, fmt.Errorf("cannot write output: %w", err)
	}
	buf := make([]byte, 1<<20)
	var total int64
	for {
		n, err := f.Read(buf)
		chunk := buf[:n]
		if n > 0 {
			rp.lines += bytes.Count(chunk, []byte{'\n'})
			if i := bytes.LastIndexByte(chunk, '\n'); i >= 0 {
				rp.size = total + int64(i) + 1
			}
			total += int64(n)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			f.Close()
			return nil, rp, fmt.Errorf("--resume: reading %s: %w", path, err)
		}
	}
	rp.torn = total - rp.size
	if rp.torn > 0 {
		if err := f.Truncate(rp.size); err != nil {
			f.Close()
			return nil, rp, fmt.Errorf("--resume: cutting the incomplete last line of %s: %w", path, err)
		}
	}
	if _, err := f.Seek(rp.size, io.SeekStart); err != nil {
		f.Close()
		return nil, rp, fmt.Errorf("--resume: %w", err)
	}
	return f, rp, nil
}
